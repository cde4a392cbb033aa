import type { SearchBackend } from "./search-backend";

export interface FallbackOptions {
  /** After a failure, how long to answer from the fallback before trying the primary again. */
  retryAfterMs: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  log?: (message: string) => void;
}

/**
 * A backend that answers from `primary` and, when it fails (unreachable, a
 * timeout, a failed task), from `fallback`, marking those answers `degraded`.
 * After `retryAfterMs` the next search tries the primary again, so the site
 * switches back by itself when it recovers; until then no request waits on a
 * backend known to be down.
 */
export function withFallback(primary: SearchBackend, fallback: SearchBackend, options: FallbackOptions): SearchBackend {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((message: string) => console.warn(message));
  let downUntil = 0;
  let down = false;
  return {
    name: primary.name,
    async search(request) {
      if (down && now() < downUntil) return { ...(await fallback.search(request)), degraded: true };
      try {
        const response = await primary.search(request);
        if (down) {
          down = false;
          log(`search: ${primary.name} answers again; leaving ${fallback.name}`);
        }
        return response;
      } catch (error) {
        if (!down) log(`search: ${primary.name} failed (${describe(error)}); answering from ${fallback.name}`);
        down = true;
        downUntil = now() + options.retryAfterMs;
        return { ...(await fallback.search(request)), degraded: true };
      }
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
