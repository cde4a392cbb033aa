import { isIP } from "node:net";
import { getSearchEnv } from "../env";
import { requestIp } from "../request-ip";
import { RateLimitedError } from "../reviews/rate-limit";

// How many searches one client may make: a token bucket per client address,
// in this process's memory (a search must not cost a database write, and a
// cached answer costs almost nothing; it is the uncached ones, hundreds of
// milliseconds of database time for a broad word at full scale, that a
// crawler or a script can pile up). People typing in the instant-search box
// make a request every few keystrokes, well under the default.
//
// Clients are told apart by lib/request-ip.ts; an "unknown" address (no
// trusted proxy header) is never limited, as for the write limits
// (lib/reviews/rate-limit.ts): it would put every visitor in one bucket.
// IPv6 clients are counted per /64, the block one subscriber usually gets,
// so that cycling through addresses does not escape the limit.
//
// The search page, the search API and the suggestions check it first thing
// (searchRateLimited; the routes answer its RateLimitedError through
// userErrorResponse, as the write limits do). Not in a proxy.ts: Next.js's
// proxy layer in front of every search cost 12% of the throughput of cached
// answers under bench:search's load (516 against 581 requests/s).

export interface SearchRateLimitOptions {
  /** Searches a client may make per minute, sustained; 0 turns the limit off. */
  perMinute: number;
  /** Searches a client may make at once before the per-minute rate applies. */
  burst: number;
  /** Clients remembered; the least recently seen is forgotten first (a forgotten client starts with a full bucket). */
  maxClients: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
}

export interface SearchRateLimiter {
  /** Counts one search by the client at `ip`: null when it may go ahead, else the refusal (429, with when to retry). */
  take(ip: string): RateLimitedError | null;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date. */
  at: number;
}

export function createSearchRateLimiter(options: SearchRateLimitOptions): SearchRateLimiter {
  const now = options.now ?? Date.now;
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  return {
    take(ip) {
      const key = clientKey(ip);
      if (options.perMinute <= 0 || key === null) return null;
      const t = now();
      const known = buckets.get(key);
      const bucket = known
        ? { tokens: Math.min(options.burst, known.tokens + (t - known.at) * perMs), at: t }
        : { tokens: options.burst, at: t };
      // Map order is insertion order: re-inserting marks the client most recently seen.
      buckets.delete(key);
      buckets.set(key, bucket);
      while (buckets.size > options.maxClients) buckets.delete(buckets.keys().next().value!);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return null;
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      return new RateLimitedError(
        `Too many searches from your network (IP address): the limit is ${options.perMinute} a minute. Try again in ${retryAfterSeconds} s.`,
        new Date(t + retryAfterSeconds * 1000),
      );
    },
  };
}

/** The bucket an address counts in: IPv4 as it is, IPv6 by its /64; null for anything else ("unknown"). */
export function clientKey(ip: string): string | null {
  const address = ip.trim().toLowerCase();
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return null;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1]!;
  return `${expandIpv6(address).slice(0, 4).join(":")}::/64`;
}

/** The eight groups of an IPv6 address, "::" expanded, without leading zeros. */
function expandIpv6(address: string): string[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  // An embedded IPv4 tail (a:b::1.2.3.4) takes two groups.
  const last = right.length > 0 ? right : left;
  if (last.length > 0 && last[last.length - 1]!.includes(".")) {
    const octets = last.pop()!.split(".").map(Number);
    last.push(((octets[0]! << 8) | octets[1]!).toString(16), ((octets[2]! << 8) | octets[3]!).toString(16));
  }
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => group.replace(/^0+(?=.)/, ""));
}

/** Client addresses remembered per process (a few dozen bytes each). */
const MAX_CLIENTS = 50_000;

const globalForLimit = globalThis as unknown as { cratelistSearchRateLimiter?: SearchRateLimiter };

/** This process's limiter: SEARCH_RATE_LIMIT_PER_MINUTE a minute per client, in bursts of a third of that. */
function searchRateLimiter(): SearchRateLimiter {
  if (!globalForLimit.cratelistSearchRateLimiter) {
    const perMinute = getSearchEnv().SEARCH_RATE_LIMIT_PER_MINUTE;
    globalForLimit.cratelistSearchRateLimiter = createSearchRateLimiter({
      perMinute,
      burst: Math.max(1, Math.round(perMinute / 3)),
      maxClients: MAX_CLIENTS,
    });
  }
  return globalForLimit.cratelistSearchRateLimiter;
}

/** Counts one search by the request's client: null when it may go ahead, else the refusal. */
export function searchRateLimited(headers: Headers): RateLimitedError | null {
  return searchRateLimiter().take(requestIp(headers));
}
