import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { Readable } from "node:stream";
import { IngestError } from "./ingest-error";
import { DEFAULT_USER_AGENT } from "./sparse/get-with-retries";

// A dump is read from a file or streamed from an https URL. The URL case never
// holds the body in memory or on disk (the real dump is well over a gigabyte):
// bytes flow only as fast as the gunzip/tar/CSV pipeline reads them.

export interface DumpSourceOptions {
  /** No response headers this long after a request was sent: give up. Default 30 s. */
  headersTimeoutMs?: number;
  /** No body bytes this long while the reader waits for some: give up. Default 60 s. */
  idleTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
}

export interface DumpSource {
  /** The path or URL, for messages (a URL without any user:password part). */
  name: string;
  /** The compressed bytes; the first two were checked to be gzip's magic number. */
  stream: Readable;
  /** Compressed bytes taken from the file or the network so far (the offset a cut or stall happened at). */
  bytesRead(): number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);
// Any `scheme://`; a bare path (even `C:\dump.tar.gz`) has no `//` after the colon.
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** True when `source` is to be fetched rather than read from disk. */
export function isDumpUrl(source: string): boolean {
  return URL_LIKE.test(source);
}

/**
 * Opens a dump tarball given as a file path or an `https://` URL (`http://`
 * only to this machine, which tests use). Resolves once the first bytes are
 * known to be gzip data, so a login or error page is refused before anything
 * is staged; errors are IngestErrors naming the path or URL.
 */
export async function openDumpSource(source: string, options: DumpSourceOptions = {}): Promise<DumpSource> {
  return isDumpUrl(source) ? openUrl(source, options) : openFile(source);
}

function checkGzipMagic(head: Buffer, name: string, what: string): void {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return;
  const found = head.length === 0 ? "is empty" : `begins with bytes ${head.toString("hex")} (${JSON.stringify(head.toString("latin1"))})`;
  throw new IngestError(name, null, `${what} ${found}, not gzip data (1f 8b), so not a gzip tarball`);
}

async function openFile(file: string): Promise<DumpSource> {
  // The magic number is read on its own, so the stream below starts clean at byte 0.
  // A missing or unreadable file fails with Node's own error, which names the path and keeps its `code`.
  const head = Buffer.alloc(2);
  const handle = await open(file, "r");
  let got: number;
  try {
    got = (await handle.read(head, 0, head.length, 0)).bytesRead;
  } finally {
    await handle.close();
  }
  checkGzipMagic(head.subarray(0, got), file, "the file");
  const stream = createReadStream(file);
  return { name: file, stream, bytesRead: () => stream.bytesRead };
}

/** The URL as shown in messages: credentials are dropped, everything else kept. */
function shown(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  return copy.href;
}

/** A dump path or URL as recorded and shown: a URL without its user:password part. */
export function describeDumpSource(source: string): string {
  if (!isDumpUrl(source)) return source;
  try {
    return shown(new URL(source));
  } catch {
    return source;
  }
}

/** Why a dump URL is not fetched (the scheme rule), or null when it may be. */
export function dumpUrlRefusal(url: URL): string | null {
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return `only https URLs are accepted (plain http only to 127.0.0.1, ::1 or localhost), not ${url.protocol}//${url.host}`;
}

async function openUrl(source: string, options: DumpSourceOptions): Promise<DumpSource> {
  const headersTimeoutMs = options.headersTimeoutMs ?? 30_000;
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  const maxRedirects = options.maxRedirects ?? 5;
  let url: URL;
  try {
    url = new URL(source);
  } catch (error) {
    throw new IngestError(source, null, "not a valid URL", { cause: error });
  }
  const name = shown(url);
  const refused = dumpUrlRefusal(url);
  if (refused !== null) throw new IngestError(name, null, refused);

  for (let redirects = 0; ; redirects++) {
    // After a redirect, messages name where we started and where we ended up.
    const via = redirects === 0 ? "" : ` (redirected to ${shown(url)})`;
    const response = await request(url, headersTimeoutMs, name, via);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECTS.has(status) && location) {
      response.destroy(); // a redirect's own body is not wanted
      if (redirects === maxRedirects) throw new IngestError(name, null, `more than ${maxRedirects} redirects${via}`);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch (error) {
        throw new IngestError(name, null, `redirect to an invalid URL ${JSON.stringify(location)}${via}`, { cause: error });
      }
      const nextRefused = dumpUrlRefusal(next);
      if (nextRefused !== null) throw new IngestError(name, null, `refused redirect to ${shown(next)}: ${nextRefused}`);
      url = next;
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new IngestError(name, null, `the server answered ${status} ${response.statusMessage ?? ""}`.trimEnd() + via);
    }
    // A login or error page is HTML; a tarball never is.
    const mediaType = (response.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (mediaType === "text/html" || mediaType === "application/xhtml+xml") {
      response.destroy();
      throw new IngestError(name, null, `the server answered HTML (${mediaType}), not a gzip tarball${via}`);
    }
    const length = Number(response.headers["content-length"]);
    const body = new ResponseBody(response, name + via, Number.isFinite(length) ? length : null, idleTimeoutMs);
    try {
      checkGzipMagic(await body.head, name, `the server's answer (${mediaType || "no Content-Type"})${via}`);
    } catch (error) {
      body.destroy();
      throw error;
    }
    return { name, stream: body, bytesRead: () => body.received };
  }
}

function request(url: URL, timeoutMs: number, name: string, via: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.protocol === "https:" ? https.get : http.get;
    // identity: the tarball is already gzip; a second encoding on top would only cost.
    const req = get(url, { headers: { "user-agent": DEFAULT_USER_AGENT, "accept-encoding": "identity" } });
    const timer = setTimeout(() => {
      req.destroy(new IngestError(name, null, `no answer within ${timeoutMs / 1000} s${via}`));
    }, timeoutMs);
    req.once("response", (response) => {
      clearTimeout(timer);
      resolve(response);
    });
    // `on`, not `once`: the socket can report an error after the response too (the body then fails on its own).
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error instanceof IngestError ? error : new IngestError(name, null, `cannot download: ${error.message}${via}`, { cause: error }));
    });
  });
}

/**
 * A response body as a Readable that pulls from the socket only when its
 * reader wants more (so memory stays at a few stream buffers however large
 * the dump), fails with the byte offset when the connection is cut before the
 * body is complete, and fails when the server sends nothing for
 * `idleTimeoutMs` while the reader is waiting. Time the reader spends busy
 * (PostgreSQL taking a COPY batch) never counts as idle.
 */
class ResponseBody extends Readable {
  received = 0;
  /** The first two bytes (fewer if the body is shorter), once they have arrived; rejects if the body fails first. */
  readonly head: Promise<Buffer>;
  private idle: NodeJS.Timeout | null = null;
  private headBytes = Buffer.alloc(0);
  private headDone: ((error: Error | null) => void) | null = null;

  constructor(
    private readonly response: http.IncomingMessage,
    private readonly name: string,
    private readonly length: number | null,
    private readonly idleTimeoutMs: number,
  ) {
    super();
    this.head = new Promise((resolve, reject) => {
      this.headDone = (error) => {
        this.headDone = null;
        if (error) reject(error);
        else resolve(this.headBytes);
      };
    });
    response.pause();
    response.on("data", (chunk: Buffer) => {
      this.stopIdleTimer();
      this.received += chunk.length;
      if (this.headDone) {
        this.headBytes = Buffer.concat([this.headBytes, chunk.subarray(0, 2 - this.headBytes.length)]);
        if (this.headBytes.length >= 2) this.headDone(null);
      }
      if (!this.push(chunk)) response.pause();
      else this.startIdleTimer();
    });
    response.once("end", () => {
      this.stopIdleTimer();
      // Without a length or chunked framing a cut looks like a normal end; gunzip then reports the truncation.
      if (!response.complete || (this.length !== null && this.received < this.length)) this.destroy(this.cut());
      else {
        this.headDone?.(null);
        this.push(null);
      }
    });
    response.on("error", (error) => this.destroy(this.cut(error)));
    response.once("close", () => {
      if (!response.complete) this.destroy(this.cut());
    });
    // Start pulling, so the head arrives; the bytes wait in this stream's buffer for its reader.
    this.read(0);
  }

  private cut(cause?: Error): IngestError {
    const of = this.length !== null ? ` of ${this.length}` : "";
    return new IngestError(this.name, null, `the connection was cut at byte ${this.received}${of}`, cause ? { cause } : undefined);
  }

  private startIdleTimer(): void {
    this.stopIdleTimer();
    this.idle = setTimeout(() => {
      this.destroy(new IngestError(this.name, null, `no data for ${this.idleTimeoutMs / 1000} s at byte ${this.received}; giving up`));
    }, this.idleTimeoutMs);
  }

  private stopIdleTimer(): void {
    if (this.idle !== null) clearTimeout(this.idle);
    this.idle = null;
  }

  override _read(): void {
    this.startIdleTimer();
    this.response.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopIdleTimer();
    this.headDone?.(error ?? new IngestError(this.name, null, "the download was stopped"));
    this.response.destroy();
    callback(error);
  }
}
