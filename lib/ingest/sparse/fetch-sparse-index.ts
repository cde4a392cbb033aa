import { IngestError } from "../ingest-error";
import { indexPath, isValidCrateName } from "../index-path";
import { parseIndexFile, type IndexFile } from "../read-index-dir";
import { decodeIndexBody } from "./decode-index-body";
import { getWithRetries, resolveHttpOptions, sparseBaseUrl, type SparseHttpOptions } from "./get-with-retries";
import { SparseFetchError } from "./sparse-fetch-error";
import { TokenBucket } from "./token-bucket";

export interface StoredValidators {
  etag?: string | null;
  lastModified?: string | null;
}

export interface SparseFetchOptions extends SparseHttpOptions {
  /** Index root, e.g. `https://index.crates.io/` or `sparse+https://index.crates.io/`. */
  baseUrl: string;
  /** Crates to fetch, pulled lazily (a sparse index cannot be listed). Must be valid crate names. */
  names: Iterable<string>;
  /** Validators stored by the last sync for this crate, or null to fetch unconditionally. */
  validators: (name: string) => Promise<StoredValidators | null>;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Politeness limit over all requests, retries included; bursts up to `concurrency`. Default 20. */
  maxRequestsPerSecond?: number;
}

export type SparseFetchResult =
  | { name: string; status: "changed"; file: IndexFile; etag: string | null; lastModified: string | null }
  | { name: string; status: "unchanged" }
  | { name: string; status: "deleted" };

// As Cargo: these mean "no such crate" rather than a failure.
const GONE = [404, 410, 451];

type Settled = { id: number } & ({ ok: true; value: SparseFetchResult } | { ok: false; error: unknown });

/**
 * Fetches the index file of each named crate over the sparse protocol, with
 * conditional requests, retries and a politeness limit. Results come out in
 * completion order, with `name` as given. No new request starts while a
 * result waits to be consumed, so at most `concurrency` results are ever
 * held. The first failure aborts the requests in flight and is thrown:
 * a SparseFetchError when the server gave no usable answer, an IngestError
 * when it answered with something that is not index data.
 */
export async function* fetchSparseIndex(options: SparseFetchOptions): AsyncGenerator<SparseFetchResult> {
  const http = resolveHttpOptions(options);
  const base = sparseBaseUrl(options.baseUrl, http);
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const rate = options.maxRequestsPerSecond ?? 20;
  if (!(rate > 0)) throw new RangeError(`maxRequestsPerSecond must be positive, got ${rate}`);
  const limiter = rate === Infinity ? undefined : new TokenBucket(rate, Math.max(1, Math.min(concurrency, rate)));

  // Stops the requests in flight when the consumer stops or one request fails.
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
  const shared = { ...http, signal };

  const fetchOne = async (name: string): Promise<SparseFetchResult> => {
    if (!isValidCrateName(name)) throw new RangeError(`fetchSparseIndex: not a valid crate name: ${JSON.stringify(name)}`);
    const file = indexPath(name);
    const url = new URL(file, base);
    const stored = await options.validators(name);
    const headers: Record<string, string> = {
      accept: "*/*",
      "accept-encoding": "gzip",
      "cargo-protocol": "version=1",
      "user-agent": http.userAgent,
    };
    const conditional = Boolean(stored?.etag || stored?.lastModified);
    if (stored?.etag) headers["if-none-match"] = stored.etag;
    if (stored?.lastModified) headers["if-modified-since"] = stored.lastModified;

    const answer = await getWithRetries(url, { headers, accept: [200, 304, ...GONE], limiter }, shared);
    if (answer.status === 304) {
      if (!conditional) throw new SparseFetchError(url.href, answer.attempts, "304 Not Modified to a request without validators");
      return { name, status: "unchanged" };
    }
    if (GONE.includes(answer.status)) return { name, status: "deleted" };

    const where = answer.url.href;
    const text = decodeIndexBody(where, answer.headers, answer.body!);
    let parsed: IndexFile;
    try {
      parsed = parseIndexFile(file, text);
    } catch (error) {
      if (error instanceof IngestError) throw new IngestError(where, error.line, error.detail, { cause: error });
      throw error;
    }
    return {
      name,
      status: "changed",
      file: parsed,
      etag: answer.headers.get("etag"),
      lastModified: answer.headers.get("last-modified"),
    };
  };

  const iterator = options.names[Symbol.iterator]();
  const inFlight = new Map<number, Promise<Settled>>();
  let nextId = 0;
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && inFlight.size < concurrency) {
        const step = iterator.next();
        if (step.done) {
          exhausted = true;
          break;
        }
        const id = nextId++;
        inFlight.set(
          id,
          fetchOne(step.value).then(
            (value): Settled => ({ id, ok: true, value }),
            (error: unknown): Settled => ({ id, ok: false, error }),
          ),
        );
      }
      if (inFlight.size === 0) return;
      const settled = await Promise.race(inFlight.values());
      inFlight.delete(settled.id);
      if (!settled.ok) throw settled.error;
      yield settled.value;
    }
  } finally {
    controller.abort(new Error("fetchSparseIndex stopped"));
    await Promise.allSettled(inFlight.values());
    if (!exhausted) iterator.return?.();
  }
}
