import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { IngestError } from "../ingest-error";
import { sleep } from "./sleep";
import { SparseFetchError } from "./sparse-fetch-error";
import type { TokenBucket } from "./token-bucket";

const gunzipAsync = promisify(gunzip);

export const DEFAULT_USER_AGENT = "cratelist-ingest (+contact in README)";

/** HTTP behaviour shared by fetchSparseIndex and fetchSparseConfig. */
export interface SparseHttpOptions {
  /** Extra attempts after the first, for 408, 429, 5xx, network errors, timeouts and cut bodies. Default 4. */
  retries?: number;
  /** Backoff before retry n is about base * 2^(n-1), half of it random. Default 500 ms. */
  backoffBaseMs?: number;
  /** A Retry-After asking for longer than this fails the fetch instead of stalling it. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Per attempt, headers and body together. Default 30 s. */
  timeoutMs?: number;
  /** Limit on the (decompressed) body. Default 50 MB. */
  maxBodyBytes?: number;
  fetchImpl?: typeof fetch;
  /** Checked for the base URL and every redirect target. Default: https only. */
  allowedHosts?: (url: URL) => boolean;
  userAgent?: string;
  /** Aborting stops every request; the fetch rejects with the signal's reason. */
  signal?: AbortSignal;
}

export interface ResolvedHttpOptions {
  retries: number;
  backoffBaseMs: number;
  maxRetryAfterMs: number;
  timeoutMs: number;
  maxBodyBytes: number;
  fetchImpl: typeof fetch;
  allowedHosts: (url: URL) => boolean;
  userAgent: string;
  signal: AbortSignal | undefined;
}

const httpsOnly = (url: URL) => url.protocol === "https:";

function check(name: string, value: number, min: number): number {
  if (!(value >= min)) throw new RangeError(`${name} must be a number >= ${min}, got ${value}`);
  return value;
}

export function resolveHttpOptions(options: SparseHttpOptions): ResolvedHttpOptions {
  return {
    retries: Math.floor(check("retries", options.retries ?? 4, 0)),
    backoffBaseMs: check("backoffBaseMs", options.backoffBaseMs ?? 500, 0),
    maxRetryAfterMs: check("maxRetryAfterMs", options.maxRetryAfterMs ?? 60_000, 0),
    timeoutMs: check("timeoutMs", options.timeoutMs ?? 30_000, 1),
    maxBodyBytes: check("maxBodyBytes", options.maxBodyBytes ?? 50 * 1024 * 1024, 1),
    // Looked up at call time so a test runner's replacement of the global is seen.
    fetchImpl: options.fetchImpl ?? ((input, init) => fetch(input, init)),
    allowedHosts: options.allowedHosts ?? httpsOnly,
    userAgent: options.userAgent ?? DEFAULT_USER_AGENT,
    signal: options.signal,
  };
}

/** The index root as a URL ending in `/`, `sparse+` stripped; throws when not allowed. */
export function sparseBaseUrl(baseUrl: string, options: ResolvedHttpOptions): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.replace(/^sparse\+/, ""));
  } catch (error) {
    throw new SparseFetchError(baseUrl, 0, "not a valid URL", { cause: error });
  }
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  url.search = "";
  url.hash = "";
  const refusal = whyRefused(url, options);
  if (refusal !== null) throw new SparseFetchError(url.href, 0, refusal);
  return url;
}

function whyRefused(url: URL, options: ResolvedHttpOptions): string | null {
  if (url.protocol !== "https:" && url.protocol !== "http:") return `refused: ${url.protocol} is not an HTTP URL`;
  if (!options.allowedHosts(url)) return "refused by allowedHosts (the default allows https only)";
  return null;
}

export interface HttpAnswer {
  /** After redirects. */
  url: URL;
  status: number;
  headers: Headers;
  /** Decompressed body of a 2xx answer; null for the other accepted statuses. */
  body: Uint8Array | null;
  attempts: number;
}

export interface GetRequest {
  headers: Record<string, string>;
  /** Statuses returned to the caller; anything else is retried or fails. */
  accept: readonly number[];
  limiter?: TokenBucket;
}

const MAX_REDIRECTS = 5;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A failure that retrying cannot fix. */
class Fatal extends Error {}

interface RetryLater {
  cause: string;
  retryAfterMs: number | null;
}

/**
 * GET with redirects checked against allowedHosts, a timeout per attempt, a
 * body size limit, gzip decoding when the fetch implementation left it to us,
 * and retries with exponential backoff (or the server's Retry-After).
 */
export async function getWithRetries(url: URL, request: GetRequest, options: ResolvedHttpOptions): Promise<HttpAnswer> {
  const { signal } = options;
  let lastError: unknown;
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    let retry: RetryLater;
    try {
      const outcome = await attemptOnce(url, attempt, request, options);
      if ("status" in outcome) return outcome;
      retry = outcome;
      lastError = undefined;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (error instanceof SparseFetchError || error instanceof IngestError) throw error;
      if (error instanceof Fatal) throw new SparseFetchError(url.href, attempt, error.message, { cause: error.cause });
      lastError = error;
      retry = { cause: describeError(error), retryAfterMs: null };
    }
    if (attempt > options.retries) {
      throw new SparseFetchError(url.href, attempt, retry.cause, lastError === undefined ? undefined : { cause: lastError });
    }
    if (retry.retryAfterMs !== null && retry.retryAfterMs > options.maxRetryAfterMs) {
      const asked = `the server asks to retry after ${Math.ceil(retry.retryAfterMs / 1000)} s`;
      const limit = `longer than maxRetryAfterMs (${options.maxRetryAfterMs} ms)`;
      throw new SparseFetchError(url.href, attempt, `${retry.cause}; ${asked}, ${limit}`);
    }
    await sleep(Math.max(backoffMs(attempt, options.backoffBaseMs), retry.retryAfterMs ?? 0), signal);
  }
}

const MAX_BACKOFF_MS = 30_000;

function backoffMs(attempt: number, base: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1));
  return ceiling / 2 + (Math.random() * ceiling) / 2;
}

async function attemptOnce(
  url: URL,
  attempt: number,
  request: GetRequest,
  options: ResolvedHttpOptions,
): Promise<HttpAnswer | RetryLater> {
  let hop = url;
  for (let redirects = 0; ; redirects++) {
    const refusal = whyRefused(hop, options);
    if (refusal !== null) throw new Fatal(hop === url ? refusal : `redirected to ${hop.href}, ${refusal}`);
    // Before the timeout starts: waiting for a token is not the server being slow.
    await request.limiter?.take(options.signal);
    const where = hop === url ? "" : ` from ${hop.href}`;
    const outcome = await withTimeout(options, (signal) => requestOnce(hop, where, signal, request, options));
    if (!(outcome instanceof URL)) {
      if ("status" in outcome) return { ...outcome, attempts: attempt };
      return outcome;
    }
    if (redirects === MAX_REDIRECTS) throw new Fatal(`more than ${MAX_REDIRECTS} redirects`);
    hop = outcome;
  }
}

/** One request: the answer, where it redirects to, or why to retry. */
async function requestOnce(
  url: URL,
  where: string,
  signal: AbortSignal,
  request: GetRequest,
  options: ResolvedHttpOptions,
): Promise<Omit<HttpAnswer, "attempts"> | URL | RetryLater> {
  const response = await options.fetchImpl(url, { headers: request.headers, redirect: "manual", signal });
  const location = response.headers.get("location");
  if (REDIRECT.has(response.status) && location !== null) {
    await discard(response);
    return new URL(location, url);
  }
  if (request.accept.includes(response.status)) {
    const ok = response.status >= 200 && response.status < 300;
    if (!ok) await discard(response);
    const body = ok ? await readBody(response, options.maxBodyBytes) : null;
    return { url, status: response.status, headers: response.headers, body };
  }
  await discard(response);
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  if (!retryable(response.status)) throw new Fatal(`unexpected ${status}${where}`);
  return { cause: `${status}${where}`, retryAfterMs: parseRetryAfter(response.headers.get("retry-after"), Date.now()) };
}

/** Runs `run` with a signal that aborts on the caller's signal or after timeoutMs; a timeout means retry. */
async function withTimeout<T>(
  options: ResolvedHttpOptions,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T | RetryLater> {
  const outer = options.signal;
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer!.reason);
  outer?.addEventListener("abort", onAbort, { once: true });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException(`no complete answer within ${options.timeoutMs} ms`, "TimeoutError"));
  }, options.timeoutMs);
  try {
    return await run(controller.signal);
  } catch (error) {
    if (timedOut && !outer?.aborted) return { cause: `no complete answer within ${options.timeoutMs} ms`, retryAfterMs: null };
    throw error;
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener("abort", onAbort);
  }
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

function contentLength(headers: Headers): number | null {
  const value = headers.get("content-length");
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
}

/**
 * The whole body, decompressed. Node's fetch decodes gzip itself but keeps
 * Content-Encoding and the compressed Content-Length; other implementations
 * may not decode. Index bodies are JSON text, so gzip's magic bytes tell the
 * two cases apart, and the length is only compared against bytes as sent.
 */
async function readBody(response: Response, maxBodyBytes: number): Promise<Uint8Array> {
  const declared = contentLength(response.headers);
  const tooLarge = (size: string) => new Fatal(`body is ${size}, more than maxBodyBytes (${maxBodyBytes})`);
  if (declared !== null && declared > maxBodyBytes) {
    await discard(response);
    throw tooLarge(`${declared} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBodyBytes) {
        await reader.cancel().catch(() => {});
        throw tooLarge(`over ${total} bytes`);
      }
      chunks.push(value);
    }
  }
  const raw = Buffer.concat(chunks);
  const gzipped = raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b;
  const encoding = (response.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (declared !== null && (gzipped || encoding === "identity") && raw.length < declared) {
    throw new Error(`connection closed after ${raw.length} of ${declared} bytes`);
  }
  if (!gzipped) return raw;
  try {
    return await gunzipAsync(raw, { maxOutputLength: maxBodyBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") {
      throw new Fatal(`body decompresses to more than maxBodyBytes (${maxBodyBytes})`, { cause: error });
    }
    // A truncated gzip stream is a cut connection by another name: retry.
    throw new Error(`gzip body does not decompress: ${(error as Error).message}`, { cause: error });
  }
}

/** Retry-After in ms (delta-seconds or an HTTP date), or null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** `fetch failed (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1)` rather than just `fetch failed`. */
function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${error.message} (${code ? `${code}: ` : ""}${cause.message})`;
  }
  return error.message;
}
