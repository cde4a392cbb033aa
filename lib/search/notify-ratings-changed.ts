import { getSearchEnv } from "../env";
import type { PrismaClient } from "../generated/prisma/client";
import { clearSearchCache } from "./get-search-backend";
import { createMeilisearchClient, type MeilisearchConnection } from "./meilisearch/create-meilisearch-client";
import { pushChangedDocuments, type PushResult } from "./meilisearch/push-changed-documents";

// Called by lib/reviews after a crate's rating aggregates changed (a review
// saved, hidden or restored, a freeze released), so that search shows the
// new ratings at once instead of after the worker's next push and the answer
// cache's next expiry.

/** Per HTTP request to Meilisearch. */
const MEILI_REQUEST_TIMEOUT_MS = 5_000;
/** Longest wait for the indexing task of a few documents (it may queue behind a worker's batch). */
const TASK_TIMEOUT_MS = 30_000;

export interface NotifyRatingsOptions {
  /** The Meilisearch server; by default MEILI_URL and MEILI_API_KEY (none: PostgreSQL search, nothing to push). */
  meilisearch?: Omit<MeilisearchConnection, "timeoutMs"> | null;
  /** The index (default "crates"). */
  indexUid?: string;
  log?: (line: string) => void;
}

/**
 * With Meilisearch configured, sends these crates' documents if they changed
 * (their hashes differ from what was last sent), through the worker's
 * incremental push restricted to them; a failed or timed-out Meilisearch task
 * throws (MeilisearchTaskError), and the hashes stay as they were, so the
 * worker's next push sends the change again. When the index is not built yet,
 * or a rebuild or push holds it for more than a few seconds, nothing is sent
 * now and the worker's next push sends it. Without Meilisearch, PostgreSQL
 * search reads crate_ratings directly and there is nothing to push. Either way
 * this process's search answer cache is cleared (also when the push throws).
 */
export async function notifyRatingsChanged(db: PrismaClient, crateNames: string[], options: NotifyRatingsOptions = {}): Promise<PushResult | null> {
  const log = options.log ?? ((line: string) => console.warn(line));
  try {
    const connection = options.meilisearch === undefined ? configuredMeilisearch() : options.meilisearch;
    const names = Array.from(new Set(crateNames.map((name) => name.toLowerCase())));
    if (!connection || names.length === 0) return null;
    const meili = createMeilisearchClient({ ...connection, timeoutMs: MEILI_REQUEST_TIMEOUT_MS });
    return await pushChangedDocuments(db, meili, { names, indexUid: options.indexUid, taskTimeoutMs: TASK_TIMEOUT_MS, log });
  } finally {
    clearSearchCache();
  }
}

function configuredMeilisearch(): Omit<MeilisearchConnection, "timeoutMs"> | null {
  const { MEILI_URL, MEILI_API_KEY } = getSearchEnv();
  return MEILI_URL ? { url: MEILI_URL, apiKey: MEILI_API_KEY } : null;
}
