import { getDb } from "../db";
import { getSearchEnv } from "../env";
import { lookupCategoryNames } from "./meilisearch/lookup-category-names";
import { lookupCrateCurations } from "./meilisearch/lookup-crate-curations";
import { createMeilisearchBackend } from "./meilisearch/meilisearch-search-backend";
import { createPostgresSearchBackend } from "./postgres-search-backend";
import type { SearchBackend } from "./search-backend";
import { withCache, type CachedSearchBackend } from "./with-cache";
import { withFallback } from "./with-fallback";

// The backend pages and API routes use, chosen by configuration: Meilisearch
// when MEILI_URL is set (with PostgreSQL answering, marked degraded, while it
// fails), else PostgreSQL alone; identical searches within
// SEARCH_CACHE_TTL_MS share one answer. One per process, like the database client.

/** A search that takes longer than this counts as a Meilisearch failure. */
const MEILI_TIMEOUT_MS = 2_000;
/** After a failure, PostgreSQL answers for this long before Meilisearch is tried again. */
const MEILI_RETRY_AFTER_MS = 30_000;
/** Answers kept by the cache (a few kB each). */
const CACHE_ENTRIES = 1_000;

const globalForSearch = globalThis as unknown as { cratelistSearch?: SearchBackend | CachedSearchBackend };

export function getSearchBackend(): SearchBackend {
  globalForSearch.cratelistSearch ??= createConfiguredBackend();
  return globalForSearch.cratelistSearch;
}

/**
 * Forgets this process's cached answers (when the cache is on and a backend
 * was made), so that the next search sees data that just changed.
 */
export function clearSearchCache(): void {
  const backend = globalForSearch.cratelistSearch;
  if (backend && "clear" in backend) backend.clear();
}

function createConfiguredBackend(): SearchBackend | CachedSearchBackend {
  const { SEARCH_CACHE_TTL_MS } = getSearchEnv();
  const backend = createUncachedBackend();
  return SEARCH_CACHE_TTL_MS > 0 ? withCache(backend, { ttlMs: SEARCH_CACHE_TTL_MS, maxEntries: CACHE_ENTRIES }) : backend;
}

function createUncachedBackend(): SearchBackend {
  const db = getDb();
  const postgres = createPostgresSearchBackend(db);
  const { MEILI_URL, MEILI_API_KEY } = getSearchEnv();
  if (!MEILI_URL) return postgres;
  const meilisearch = createMeilisearchBackend({
    url: MEILI_URL,
    apiKey: MEILI_API_KEY,
    timeoutMs: MEILI_TIMEOUT_MS,
    categoryNames: lookupCategoryNames(db),
    loadCurations: lookupCrateCurations(db),
  });
  return withFallback(meilisearch, postgres, { retryAfterMs: MEILI_RETRY_AFTER_MS });
}
