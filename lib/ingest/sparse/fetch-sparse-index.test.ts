import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { fixtureIndexDir } from "../../../test/fixture-paths";
import { startSparseIndexServer, type SparseFault, type SparseIndexServer, type SparseIndexServerOptions } from "../../../test/sparse-index-server";
import { IngestError } from "../ingest-error";
import { indexPath } from "../index-path";
import { parseIndexFile } from "../read-index-dir";
import { fetchSparseIndex, type SparseFetchOptions, type SparseFetchResult, type StoredValidators } from "./fetch-sparse-index";
import { sleep } from "./sleep";
import { SparseFetchError } from "./sparse-fetch-error";

// Mixed case on purpose: the path is lower-cased, the parsed name keeps the published case.
const NAMES = ["serde", "tokio", "c", "io", "syn", "openAPI_test_davidkim"];

// Every fixture crate by its (lower-case) file name, in a fixed order.
const ALL_NAMES = readdirSync(fixtureIndexDir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name !== "config.json" && !entry.name.startsWith("."))
  .map((entry) => entry.name)
  .sort();

const onDisk = (name: string) =>
  parseIndexFile(indexPath(name), readFileSync(path.join(fixtureIndexDir, indexPath(name)), "utf8"));

const SERDE_FIRST_LINE = readFileSync(path.join(fixtureIndexDir, "se/rd/serde"), "utf8").split("\n")[0]!;

const loopback = (url: URL) => url.protocol === "http:" && url.hostname === "127.0.0.1";

const servers: SparseIndexServer[] = [];
async function start(options?: SparseIndexServerOptions): Promise<SparseIndexServer> {
  const server = await startSparseIndexServer(options);
  servers.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** Options for the local server: no rate limit, tiny backoff, so the suite stays fast. */
function local(server: SparseIndexServer, extra: Partial<SparseFetchOptions> = {}): SparseFetchOptions {
  return {
    baseUrl: server.url,
    names: NAMES,
    validators: async () => null,
    allowedHosts: loopback,
    maxRequestsPerSecond: Infinity,
    backoffBaseMs: 5,
    ...extra,
  };
}

async function collect(options: SparseFetchOptions): Promise<SparseFetchResult[]> {
  const results: SparseFetchResult[] = [];
  for await (const result of fetchSparseIndex(options)) results.push(result);
  return results.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const changed = (result: SparseFetchResult | undefined) => {
  if (result?.status !== "changed") throw new Error(`expected changed, got ${JSON.stringify(result)}`);
  return result;
};

const requestsFor = (server: SparseIndexServer, name: string) =>
  server.requests.filter((request) => request.path === `/${indexPath(name)}`);

/**
 * fetch over node:http, which (unlike Node's fetch) leaves gzip bodies
 * compressed: exercises the library's own decoding. A real client on a real
 * socket, not a mock.
 */
const undecodedFetch: typeof fetch = (input, init) =>
  new Promise((resolve, reject) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const request = http.get(url, { headers, signal: init?.signal ?? undefined }, (response) => {
      const out = new Headers();
      for (const [key, value] of Object.entries(response.headers)) {
        if (value !== undefined) out.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const status = response.statusCode ?? 0;
      const noBody = status === 204 || status === 304;
      if (noBody) response.resume();
      const body = noBody ? null : (Readable.toWeb(response) as unknown as ReadableStream<Uint8Array>);
      resolve(new Response(body, { status, headers: out }));
    });
    request.on("error", reject);
  });

describe("fetchSparseIndex against a local sparse index", () => {
  it("fetches crates at the lower-case path rule and parses them as the files on disk", async () => {
    const server = await start();
    const results = await collect(local(server, { baseUrl: `sparse+${server.url}` }));
    expect(results.map((result) => result.name)).toEqual([...NAMES].sort());
    for (const result of results) {
      const { file, etag, lastModified } = changed(result);
      expect(file).toEqual(onDisk(result.name));
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
      expect(lastModified).not.toBeNull();
    }
    expect(changed(results.find((result) => result.name === "openAPI_test_davidkim")).file.file).toBe(
      "op/en/openapi_test_davidkim",
    );
    expect(server.requests.map((request) => request.path).sort()).toEqual(
      ["/1/c", "/2/io", "/3/s/syn", "/op/en/openapi_test_davidkim", "/se/rd/serde", "/to/ki/tokio"].sort(),
    );
    for (const { headers } of server.requests) {
      expect(headers["user-agent"]).toBe("cratelist-ingest (+contact in README)");
      expect(headers["cargo-protocol"]).toBe("version=1");
      expect(headers["accept-encoding"]).toContain("gzip");
      expect(headers["if-none-match"]).toBeUndefined();
      expect(headers["if-modified-since"]).toBeUndefined();
    }
  });

  it("answers unchanged for every crate on a second pass with the stored ETags, by conditional requests", async () => {
    const server = await start();
    const stored = new Map<string, StoredValidators>();
    for (const result of await collect(local(server))) {
      const { etag, lastModified } = changed(result);
      stored.set(result.name, { etag, lastModified });
    }
    server.resetLog();
    const second = await collect(local(server, { validators: async (name) => stored.get(name) ?? null }));
    expect(second).toEqual([...NAMES].sort().map((name) => ({ name, status: "unchanged" })));
    expect(server.requests).toHaveLength(NAMES.length);
    for (const request of server.requests) {
      const name = NAMES.find((n) => `/${indexPath(n)}` === request.path)!;
      expect(request.headers["if-none-match"]).toBe(stored.get(name)!.etag);
      expect(request.status).toBe(304);
    }
  });

  it("answers unchanged to If-Modified-Since alone, and changed to a stale ETag", async () => {
    const server = await start();
    const [first] = await collect(local(server, { names: ["serde"] }));
    const { lastModified } = changed(first);
    const byDate = await collect(local(server, { names: ["serde"], validators: async () => ({ lastModified }) }));
    expect(byDate).toEqual([{ name: "serde", status: "unchanged" }]);
    expect(server.requests.at(-1)!.headers["if-modified-since"]).toBe(lastModified);
    const stale = await collect(local(server, { names: ["serde"], validators: async () => ({ etag: '"stale"' }) }));
    expect(changed(stale[0]).file).toEqual(onDisk("serde"));
  });

  it.each([
    ["Node's fetch (decodes gzip itself)", undefined],
    ["a fetch that leaves gzip to the library", undecodedFetch],
  ])("reads gzip bodies with %s", async (_label, fetchImpl) => {
    const server = await start({ gzip: true });
    const results = await collect(local(server, { fetchImpl }));
    for (const result of results) expect(changed(result).file).toEqual(onDisk(result.name));
  });

  it("reports unknown crates as deleted", async () => {
    const server = await start();
    const results = await collect(local(server, { names: ["serde", "no-such-crate-here"] }));
    expect(results[0]).toEqual({ name: "no-such-crate-here", status: "deleted" });
    expect(results[1]!.status).toBe("changed");
    expect(requestsFor(server, "no-such-crate-here").map((request) => request.status)).toEqual([404]);
  });

  it("waits for Retry-After on 429, then succeeds", async () => {
    const server = await start();
    server.setFault(indexPath("serde"), { status: 429, retryAfter: 1, times: 1 });
    const results = await collect(local(server, { names: ["serde"] }));
    expect(changed(results[0]).file).toEqual(onDisk("serde"));
    const [limited, retried] = requestsFor(server, "serde");
    expect([limited!.status, retried!.status]).toEqual([429, 200]);
    // The backoff alone would be ~5 ms.
    expect(retried!.startedAt - limited!.endedAt!).toBeGreaterThanOrEqual(900);
  });

  it("retries 503 twice, then succeeds", async () => {
    const server = await start();
    server.setFault(indexPath("tokio"), { status: 503, times: 2 });
    const results = await collect(local(server));
    expect(changed(results.find((result) => result.name === "tokio")).file).toEqual(onDisk("tokio"));
    expect(requestsFor(server, "tokio").map((request) => request.status)).toEqual([503, 503, 200]);
  });

  it.each([
    ["plain, Node's fetch", false, undefined],
    ["gzip, Node's fetch", true, undefined],
    ["plain, undecoded fetch", false, undecodedFetch],
    ["gzip, undecoded fetch", true, undecodedFetch],
  ])("retries a connection cut mid-body (%s)", async (_label, gzip, fetchImpl) => {
    const server = await start({ gzip });
    server.setFault(indexPath("serde"), { cutMidBody: true, times: 1 });
    const results = await collect(local(server, { names: ["serde"], fetchImpl }));
    expect(changed(results[0]).file).toEqual(onDisk("serde"));
    expect(requestsFor(server, "serde").map((request) => request.fault)).toEqual(["cutMidBody", null]);
  });

  it.each([
    ["before the headers", false],
    ["after the headers", true],
  ])("retries a request that times out %s", async (_label, afterHeaders) => {
    const server = await start();
    server.setFault(indexPath("syn"), { slowMs: 5000, afterHeaders, times: 1 });
    const results = await collect(local(server, { names: ["syn"], timeoutMs: 400 }));
    expect(changed(results[0]).file).toEqual(onDisk("syn"));
    expect(requestsFor(server, "syn").map((request) => request.fault)).toEqual(["slowMs", null]);
  });

  it("gives up on an always-500 after the retries, naming the URL, attempts and cause", async () => {
    const server = await start();
    server.setFault(indexPath("serde"), { status: 500 });
    const error = await collect(local(server, { retries: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparseFetchError);
    expect((error as SparseFetchError).message).toBe(
      `GET ${server.url}se/rd/serde failed after 3 attempts: HTTP 500 Internal Server Error`,
    );
    expect(requestsFor(server, "serde")).toHaveLength(3);
  });

  it.each<[string, SparseFault, number | null, RegExp]>([
    ["an HTML page", { html: true }, null, /got a text\/html page: "<!DOCTYPE html>/],
    ["HTML labelled text/plain", { html: true, contentType: "text/plain" }, 1, /got markup/],
    ["a line that does not parse", { body: `${SERDE_FIRST_LINE}\nnot json\n` }, 2, /JSON/i],
    ["another crate's file", { body: readFileSync(path.join(fixtureIndexDir, "to/ki/tokio"), "utf8") }, 1, /belongs at to\/ki\/tokio/],
  ])("throws an IngestError without retrying for %s", async (_label, fault, line, detail) => {
    const server = await start();
    server.setFault(indexPath("serde"), fault);
    const error = await collect(local(server, { names: ["serde"] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as IngestError).file).toBe(`${server.url}se/rd/serde`);
    expect((error as IngestError).line).toBe(line);
    expect((error as IngestError).detail).toMatch(detail);
    expect(requestsFor(server, "serde")).toHaveLength(1);
  });

  // serde is 148 kB, 15 kB gzipped: 100 kB passes the Content-Length check of
  // the compressed body and is caught while reading or decompressing.
  it.each([
    ["plain", false, undefined, 1000],
    ["gzip decoded by fetch", true, undefined, 100_000],
    ["gzip decoded by the library", true, undecodedFetch, 100_000],
  ])("refuses bodies over maxBodyBytes without retrying (%s)", async (_label, gzip, fetchImpl, maxBodyBytes) => {
    const server = await start({ gzip });
    const error = await collect(local(server, { names: ["serde"], maxBodyBytes, fetchImpl })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparseFetchError);
    expect((error as Error).message).toMatch(`more than maxBodyBytes (${maxBodyBytes})`);
    expect(requestsFor(server, "serde")).toHaveLength(1);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    const server = await start({ delayMs: 30 });
    const names = ALL_NAMES.slice(0, 15);
    const results = await collect(local(server, { names, concurrency: 3 }));
    expect(results).toHaveLength(15);
    expect(server.maxInFlight()).toBeLessThanOrEqual(3);
    // and the requests did overlap, so the bound was tested
    expect(server.maxInFlight()).toBeGreaterThanOrEqual(2);
  });

  it("starts no request while a result waits to be consumed, and stops when the consumer does", async () => {
    const server = await start({ delayMs: 20 });
    let namesClosed = false;
    function* names() {
      try {
        yield* ALL_NAMES;
      } finally {
        namesClosed = true;
      }
    }
    const results = fetchSparseIndex(local(server, { names: names(), concurrency: 2 }));
    expect((await results.next()).done).toBe(false);
    await sleep(200);
    expect(server.requests.length).toBeLessThanOrEqual(2);
    await results.return(undefined);
    await sleep(100);
    expect(server.requests.length).toBeLessThanOrEqual(2);
    expect(namesClosed).toBe(true);
  });

  it("keeps to maxRequestsPerSecond (loose bounds from the server's log)", async () => {
    const server = await start();
    const rate = 10;
    const concurrency = 4;
    const names = ALL_NAMES.slice(0, 16);
    await collect(local(server, { names, concurrency, maxRequestsPerSecond: rate }));
    const starts = server.requests.map((request) => request.startedAt).sort((a, b) => a - b);
    expect(starts).toHaveLength(16);
    // A burst of `concurrency`, then one every 100 ms: the last starts ~1.2 s after the first.
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(1000);
    for (const from of starts) {
      const inWindow = starts.filter((t) => t >= from && t < from + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(rate + concurrency);
    }
  });

  it("refuses a non-https index unless allowedHosts allows it, before any request", async () => {
    const server = await start();
    const { allowedHosts: _ignored, ...defaults } = local(server);
    const error = await collect(defaults).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparseFetchError);
    expect((error as Error).message).toMatch(/refused by allowedHosts/);
    expect(server.requests).toHaveLength(0);
  });

  it("follows a redirect within allowedHosts and refuses one outside", async () => {
    const server = await start();
    const onlyThisServer = (url: URL) => url.origin === new URL(server.url).origin;
    server.setFault(indexPath("serde"), { redirect: "/se/rd/serde?moved", times: 1 });
    const followed = await collect(local(server, { names: ["serde"], allowedHosts: onlyThisServer }));
    expect(changed(followed[0]).file).toEqual(onDisk("serde"));
    expect(requestsFor(server, "serde").map((request) => request.status)).toEqual([302, 200]);

    server.setFault(indexPath("serde"), { redirect: "http://127.0.0.1:1/se/rd/serde" });
    const error = await collect(local(server, { names: ["serde"], allowedHosts: onlyThisServer })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SparseFetchError);
    expect((error as Error).message).toBe(
      `GET ${server.url}se/rd/serde failed: redirected to http://127.0.0.1:1/se/rd/serde, refused by allowedHosts (the default allows https only)`,
    );
  });

  it("rejects names that are not crate names", async () => {
    const server = await start();
    await expect(collect(local(server, { names: ["../config.json"] }))).rejects.toThrow(/not a valid crate name/);
    expect(server.requests).toHaveLength(0);
  });

  it("stops promptly when the caller's signal aborts", async () => {
    const server = await start();
    server.setFault(indexPath("serde"), { slowMs: 5000 });
    const controller = new AbortController();
    const began = performance.now();
    setTimeout(() => controller.abort(new Error("stop")), 100);
    await expect(collect(local(server, { names: ["serde"], signal: controller.signal }))).rejects.toThrow("stop");
    expect(performance.now() - began).toBeLessThan(2000);
  });
});
