import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { fixtureIndexDir } from "./fixture-paths";

/**
 * A scripted misbehaviour for one path. `times` limits it to the first N
 * requests for that path (default: every request).
 */
export type SparseFault = { times?: number } & (
  | { status: number; retryAfter?: number | string }
  /** Headers with the full Content-Length, half the body, then the socket destroyed. */
  | { cutMidBody: true }
  /** 200 with an HTML error page, as a captive portal or CDN error would send. */
  | { html: true; contentType?: string }
  /** 200 with this body (default Content-Type text/plain). */
  | { body: string; contentType?: string }
  /** Waits before answering, or with `afterHeaders` after sending the headers and a first byte. */
  | { slowMs: number; afterHeaders?: boolean }
  | { redirect: string; redirectStatus?: 301 | 302 | 307 | 308 }
);

export interface RequestLog {
  method: string;
  /** Decoded URL path, `/se/rd/serde`. */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Status sent, or null when the socket was destroyed before the headers. */
  status: number | null;
  /** Which fault answered, if any (`status`, `cutMidBody`, `html`, `body`, `slowMs`, `redirect`). */
  fault: string | null;
  /** performance.now() at arrival and when the response closed. */
  startedAt: number;
  endedAt: number | null;
}

export interface SparseIndexServerOptions {
  /** Index directory to serve. Default: fixtures/crates-io-index. */
  root?: string;
  /** Gzip bodies when the request accepts gzip. */
  gzip?: boolean;
  /** Delay before every answer, to make requests overlap. */
  delayMs?: number;
}

export interface SparseIndexServer {
  /** `http://127.0.0.1:PORT/`, the index root. */
  url: string;
  requests: RequestLog[];
  /** `path` with or without the leading `/`; null removes the fault. */
  setFault(path: string, fault: SparseFault | null): void;
  /** Most requests being answered at the same time since start (or resetLog). */
  maxInFlight(): number;
  /** Empties `requests` and resets maxInFlight. */
  resetLog(): void;
  close(): Promise<void>;
}

interface Served {
  body: Buffer;
  etag: string;
  lastModified: Date;
}

const HTML_PAGE = "<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Something went wrong</h1></body></html>\n";
// Index paths and config.json only: no `..`, no dot files.
const SERVABLE = /^\/(?:config\.json|[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+){0,2})$/;

function faultKind(fault: SparseFault): string {
  for (const kind of ["status", "cutMidBody", "html", "body", "slowMs", "redirect"]) if (kind in fault) return kind;
  throw new Error(`unknown fault ${JSON.stringify(fault)}`);
}

function normalise(urlPath: string): string {
  return urlPath.startsWith("/") ? urlPath : `/${urlPath}`;
}

/** Whether If-None-Match (a list, weak or strong, or `*`) matches `etag`. */
function etagMatches(header: string, etag: string): boolean {
  const strip = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || strip(tag) === strip(etag));
}

/**
 * A sparse index over node:http on 127.0.0.1 for tests: the path rule of
 * index.crates.io, ETag (sha256 of the file) and Last-Modified, 304 for
 * matching validators, 404 for unknown names, optional gzip, and scripted
 * faults per path.
 */
export async function startSparseIndexServer(options: SparseIndexServerOptions = {}): Promise<SparseIndexServer> {
  const root = options.root ?? fixtureIndexDir;
  const requests: RequestLog[] = [];
  const faults = new Map<string, { fault: SparseFault; used: number }>();
  const cache = new Map<string, Served | null>();
  let inFlight = 0;
  let maxInFlight = 0;

  async function load(urlPath: string): Promise<Served | null> {
    if (cache.has(urlPath)) return cache.get(urlPath)!;
    let served: Served | null = null;
    if (SERVABLE.test(urlPath)) {
      const file = path.join(root, urlPath);
      try {
        const info = await stat(file);
        if (info.isFile()) {
          const body = await readFile(file);
          const etag = `"${createHash("sha256").update(body).digest("hex")}"`;
          served = { body, etag, lastModified: info.mtime };
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    cache.set(urlPath, served);
    return served;
  }

  function takeFault(urlPath: string): SparseFault | null {
    const entry = faults.get(urlPath);
    if (!entry) return null;
    if (entry.fault.times !== undefined && entry.used >= entry.fault.times) return null;
    entry.used++;
    return entry.fault;
  }

  const wait = (ms: number, res: http.ServerResponse) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      res.once("close", () => {
        clearTimeout(timer);
        resolve();
      });
    });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, log: RequestLog): Promise<void> {
    if (options.delayMs) await wait(options.delayMs, res);
    if (res.destroyed) return;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    const fault = takeFault(log.path);
    if (fault) log.fault = faultKind(fault);

    if (fault && "status" in fault) {
      const headers: http.OutgoingHttpHeaders = { "content-type": "text/plain" };
      if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
      res.writeHead(fault.status, headers).end(`status ${fault.status}\n`);
      return;
    }
    if (fault && "redirect" in fault) {
      res.writeHead(fault.redirectStatus ?? 302, { location: fault.redirect }).end();
      return;
    }
    if (fault && "html" in fault) {
      res.writeHead(200, { "content-type": fault.contentType ?? "text/html; charset=utf-8" }).end(HTML_PAGE);
      return;
    }
    if (fault && "body" in fault) {
      res.writeHead(200, { "content-type": fault.contentType ?? "text/plain; charset=utf-8" }).end(fault.body);
      return;
    }
    if (fault && "slowMs" in fault && !fault.afterHeaders) {
      await wait(fault.slowMs, res);
      if (res.destroyed) return;
    }

    const served = await load(log.path);
    if (!served) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const validators = { etag: served.etag, "last-modified": served.lastModified.toUTCString() };
    const ifNoneMatch = req.headers["if-none-match"];
    const ifModifiedSince = req.headers["if-modified-since"];
    // If-None-Match wins when both are sent (RFC 9110 13.2.2).
    const notModified =
      ifNoneMatch !== undefined
        ? etagMatches(ifNoneMatch, served.etag)
        : ifModifiedSince !== undefined &&
          !Number.isNaN(Date.parse(ifModifiedSince)) &&
          Math.floor(served.lastModified.getTime() / 1000) * 1000 <= Date.parse(ifModifiedSince);
    if (notModified) {
      res.writeHead(304, validators).end();
      return;
    }

    const gzip = options.gzip === true && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const body = gzip ? gzipSync(served.body) : served.body;
    const headers: http.OutgoingHttpHeaders = {
      ...validators,
      "content-type": log.path === "/config.json" ? "application/json" : "text/plain; charset=utf-8",
      "content-length": body.length,
      vary: "Accept-Encoding",
    };
    if (gzip) headers["content-encoding"] = "gzip";
    res.writeHead(200, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    if (fault && "cutMidBody" in fault) {
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    if (fault && "slowMs" in fault) {
      res.write(body.subarray(0, 1));
      await wait(fault.slowMs, res);
      if (res.destroyed) return;
      res.end(body.subarray(1));
      return;
    }
    res.end(body);
  }

  const server = http.createServer((req, res) => {
    const log: RequestLog = {
      method: req.method ?? "",
      path: decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname),
      headers: req.headers,
      status: null,
      fault: null,
      startedAt: performance.now(),
      endedAt: null,
    };
    requests.push(log);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const writeHead = res.writeHead.bind(res);
    res.writeHead = ((...args: Parameters<typeof res.writeHead>) => {
      log.status = args[0];
      return writeHead(...args);
    }) as typeof res.writeHead;
    res.once("close", () => {
      inFlight--;
      log.endedAt = performance.now();
    });
    handle(req, res, log).catch((error: unknown) => {
      console.error("sparse index server:", error);
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    setFault(faultPath, fault) {
      if (fault === null) faults.delete(normalise(faultPath));
      else faults.set(normalise(faultPath), { fault, used: 0 });
    },
    maxInFlight: () => maxInFlight,
    resetLog() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
