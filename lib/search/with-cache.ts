import { minRatingEntries, type SearchBackend, type SearchRequest, type SearchResponse } from "./search-backend";

export interface CacheOptions {
  /** How long an answer is fresh. The registry changes every few minutes at most. */
  ttlMs: number;
  /**
   * How much longer an expired answer is still given, while a fresh one is
   * computed in the background (default: ttlMs), so that a popular search
   * never waits for the database; an answer is thus at most ttlMs + staleMs old.
   */
  staleMs?: number;
  /** Most answers kept; the least recently used goes first. */
  maxEntries: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

/** A backend whose answers may be reused; `clear()` forgets them all (e.g. after a rating changed). */
export interface CachedSearchBackend extends SearchBackend {
  clear(): void;
}

interface Entry {
  /** Until then the answer is given as it is. */
  freshUntil: number;
  /** Until then an expired answer is still given while a fresh one is computed. */
  usableUntil: number;
  response: Promise<SearchResponse>;
  refreshing: boolean;
}

/**
 * Reuses answers to identical requests, so popular searches (and the
 * instant-search box, which asks as people type) cost the database once per
 * interval. A request for an expired answer still inside its stale window
 * gets that answer at once and starts one refresh in the background
 * (stale-while-revalidate). Degraded answers are not kept: once the primary
 * backend is back, people get its answers at once; a failed or degraded
 * refresh leaves the stale answer in place until its window ends. Requests for
 * the same key that arrive while it is being answered share that one answer.
 */
export function withCache(backend: SearchBackend, options: CacheOptions): CachedSearchBackend {
  const now = options.now ?? Date.now;
  const staleMs = options.staleMs ?? options.ttlMs;
  const entries = new Map<string, Entry>();

  function store(key: string, response: Promise<SearchResponse>): Entry {
    const t = now();
    const entry = { freshUntil: t + options.ttlMs, usableUntil: t + options.ttlMs + staleMs, response, refreshing: false };
    // Map order is insertion order: re-inserting marks it most recently used.
    entries.delete(key);
    entries.set(key, entry);
    while (entries.size > options.maxEntries) entries.delete(entries.keys().next().value!);
    return entry;
  }

  function refresh(key: string, request: SearchRequest, stale: Entry): void {
    stale.refreshing = true;
    backend.search(request).then(
      (answer) => {
        // Cleared or replaced meanwhile: this answer may have read what was cleared.
        if (entries.get(key) !== stale) return;
        if (answer.degraded) stale.refreshing = false;
        else store(key, Promise.resolve(answer));
      },
      () => {
        if (entries.get(key) === stale) stale.refreshing = false;
      },
    );
  }

  return {
    name: backend.name,
    clear() {
      // An answer being computed is dropped too: it may have read the old data.
      entries.clear();
    },
    async search(request: SearchRequest) {
      const key = cacheKey(request);
      const t = now();
      const hit = entries.get(key);
      if (hit && hit.usableUntil > t) {
        entries.delete(key);
        entries.set(key, hit);
        if (hit.freshUntil <= t && !hit.refreshing) refresh(key, request, hit);
        return hit.response;
      }
      const response = backend.search(request);
      const entry = store(key, response);
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
