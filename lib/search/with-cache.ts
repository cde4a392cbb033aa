import { minRatingEntries, type SearchBackend, type SearchRequest, type SearchResponse } from "./search-backend";

export interface CacheOptions {
  /** How long an answer is reused. The registry changes every few minutes at most. */
  ttlMs: number;
  /** Most answers kept; the least recently used goes first. */
  maxEntries: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

/**
 * Reuses answers to identical requests for `ttlMs`, so popular searches (and
 * the instant-search box, which asks as people type) cost the database once
 * per interval. Degraded answers are not kept: once the primary backend is
 * back, people get its answers at once. Requests for the same key that arrive
 * while it is being answered share that one answer.
 */
/** A backend whose answers may be reused; `clear()` forgets them all (e.g. after a rating changed). */
export interface CachedSearchBackend extends SearchBackend {
  clear(): void;
}

export function withCache(backend: SearchBackend, options: CacheOptions): CachedSearchBackend {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { expires: number; response: Promise<SearchResponse> }>();
  return {
    name: backend.name,
    clear() {
      // An answer being computed is dropped too: it may have read the old data.
      entries.clear();
    },
    async search(request: SearchRequest) {
      const key = cacheKey(request);
      const hit = entries.get(key);
      if (hit && hit.expires > now()) {
        // Map order is insertion order: re-inserting marks it most recently used.
        entries.delete(key);
        entries.set(key, hit);
        return hit.response;
      }
      const response = backend.search(request);
      const entry = { expires: now() + options.ttlMs, response };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
      try {
        const answer = await response;
        if (answer.degraded && entries.get(key) === entry) entries.delete(key);
        return answer;
      } catch (error) {
        if (entries.get(key) === entry) entries.delete(key);
        throw error;
      }
    },
  };
}

function cacheKey(request: SearchRequest): string {
  const { q, page, perPage, sort, filters, facets, view } = request;
  return JSON.stringify([
    q,
    page,
    perPage,
    sort,
    filters.category ?? null,
    filters.keyword ?? null,
    filters.license ?? null,
    minRatingEntries(filters),
    facets,
    view?.viewId ?? null,
    view?.showHidden ?? false,
  ]);
}
