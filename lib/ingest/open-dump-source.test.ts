import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tarGz } from "../../test/tar-gz";
import { IngestError } from "./ingest-error";
import { isDumpUrl, openDumpSource, type DumpSourceOptions } from "./open-dump-source";
import { readDump } from "./read-dump";

// A local server plays the dump host: redirects, errors, HTML pages, cut and
// stalled bodies. Plain http is allowed only because it is 127.0.0.1.

let server: http.Server;
let base: string;
let dir: string;
let dump: Buffer;
const CUT_LENGTH = 100_000;
const CUT_AT = 30_000;
const BIG = 64 * 1024 * 1024;

function route(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = new URL(req.url!, base);
  const hops = /^\/hop\/(\d+)$/.exec(url.pathname);
  if (hops) {
    const n = Number(hops[1]);
    res.writeHead(n === 0 ? 307 : 302, { location: n === 0 ? "/dump.tar.gz" : `/hop/${n - 1}` }).end();
    return;
  }
  switch (url.pathname) {
    case "/dump.tar.gz":
      res.writeHead(200, { "content-type": "application/gzip", "content-length": dump.length }).end(dump);
      return;
    case "/login":
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><title>Sign in</title>");
      return;
    case "/disguised":
      res.writeHead(200, { "content-type": "application/octet-stream" }).end("<html>Access denied</html>");
      return;
    case "/cut": {
      const head = Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(CUT_AT - 2)]);
      res.writeHead(200, { "content-type": "application/gzip", "content-length": CUT_LENGTH });
      res.write(head, () => res.socket?.destroy());
      return;
    }
    case "/reset": {
      // A TCP reset rather than a clean close: the socket reports an error as well.
      res.writeHead(200, { "content-type": "application/gzip", "transfer-encoding": "chunked" });
      res.write(Buffer.concat([Buffer.from([0x1f, 0x8b]), randomBytes(CUT_AT - 2)]), () => res.socket?.resetAndDestroy());
      return;
    }
    case "/stall":
      res.writeHead(200, { "content-type": "application/gzip" });
      res.write(Buffer.from([0x1f, 0x8b, 0x08]));
      return; // never ends
    case "/silent":
      return; // never answers
    case "/moved":
      res.writeHead(301, { location: "/gone" }).end();
      return;
    case "/to-plain-http":
      res.writeHead(301, { location: "http://dumps.example.com/db-dump.tar.gz" }).end();
      return;
    case "/big": {
      // Written as fast as the client takes it, so any buffering shows in bytesRead.
      res.writeHead(200, { "content-type": "application/gzip", "content-length": BIG });
      const chunk = Buffer.alloc(64 * 1024, 0);
      chunk[0] = 0x1f;
      chunk[1] = 0x8b;
      let sent = 0;
      const pump = () => {
        while (sent < BIG) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
      return;
    }
    default:
      res.writeHead(404, { "content-type": "text/plain" }).end("not here");
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "open-dump-source-"));
  dump = await tarGz({
    "2026-01-01-000000/metadata.json": '{"timestamp":"2026-01-01T00:00:00Z"}',
    "2026-01-01-000000/data/crate_downloads.csv": "crate_id,downloads\n1,10\n2,20\n",
  });
  server = http.createServer(route);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

async function readAll(source: string, options?: DumpSourceOptions): Promise<Buffer> {
  const { stream } = await openDumpSource(source, options);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function failure(promise: Promise<unknown>): Promise<IngestError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe("openDumpSource", () => {
  it("tells URLs from paths", () => {
    expect(isDumpUrl("https://dumps.example.com/db-dump.tar.gz")).toBe(true);
    expect(isDumpUrl("HTTP://127.0.0.1/x")).toBe(true);
    expect(isDumpUrl("fixtures/dump/db-dump.tar.gz")).toBe(false);
    expect(isDumpUrl("/tmp/https:/x.tar.gz")).toBe(false);
  });

  it("streams a file and a URL to the same bytes, and readDump reads rows from a URL", async () => {
    const file = path.join(dir, "dump.tar.gz");
    await writeFile(file, dump);
    expect((await readAll(file)).equals(dump)).toBe(true);
    expect((await readAll(`${base}/dump.tar.gz`)).equals(dump)).toBe(true);
    const rows: unknown[] = [];
    const summary = await readDump(`${base}/dump.tar.gz`, (_table, row) => void rows.push(row));
    expect(summary).toEqual({ metadata: { timestamp: "2026-01-01T00:00:00Z" }, tables: { crate_downloads: 2 } });
    expect(rows).toEqual([
      { crate_id: 1, downloads: 10 },
      { crate_id: 2, downloads: 20 },
    ]);
  });

  it("follows up to 5 redirects and refuses a sixth", async () => {
    expect((await readAll(`${base}/hop/4`)).equals(dump)).toBe(true);
    const error = await failure(openDumpSource(`${base}/hop/5`));
    expect(error.message).toBe(`${base}/hop/5: more than 5 redirects (redirected to ${base}/hop/0)`);
  });

  it("names the URL and the status of an error answer", async () => {
    const error = await failure(openDumpSource(`${base}/no-such-dump.tar.gz`));
    expect(error.message).toBe(`${base}/no-such-dump.tar.gz: the server answered 404 Not Found`);
    const redirected = await failure(openDumpSource(`${base}/moved`));
    expect(redirected.message).toBe(`${base}/moved: the server answered 404 Not Found (redirected to ${base}/gone)`);
  });

  it("refuses an HTML page, and a body that is not gzip whatever its type says", async () => {
    const html = await failure(openDumpSource(`${base}/login`));
    expect(html.message).toBe(`${base}/login: the server answered HTML (text/html), not a gzip tarball`);
    const disguised = await failure(openDumpSource(`${base}/disguised`));
    expect(disguised.message).toMatch(new RegExp(`^${base}/disguised: the server's answer \\(application/octet-stream\\) begins with bytes 3c68 .*not gzip data`));
  });

  it("fails with the URL and the byte offset when the connection is cut mid-body", async () => {
    const error = await failure(readAll(`${base}/cut`));
    // Bytes received but not yet read when the connection drops are lost with it, so the offset can fall short of CUT_AT.
    const match = new RegExp(`^${base}/cut: the connection was cut at byte (\\d+) of ${CUT_LENGTH}$`).exec(error.message);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThan(0);
    expect(Number(match![1])).toBeLessThanOrEqual(CUT_AT);
    const reset = await failure(readAll(`${base}/reset`));
    expect(reset.message).toMatch(new RegExp(`^${base}/reset: the connection was cut at byte \\d+$`));
  });

  it("times out waiting for headers, and when the body stalls", async () => {
    const silent = await failure(openDumpSource(`${base}/silent`, { headersTimeoutMs: 200 }));
    expect(silent.message).toBe(`${base}/silent: no answer within 0.2 s`);
    const stalled = await failure(readAll(`${base}/stall`, { idleTimeoutMs: 200 }));
    expect(stalled.message).toBe(`${base}/stall: no data for 0.2 s at byte 3; giving up`);
  });

  it("accepts https only, plain http only to this machine, also after a redirect", async () => {
    const plain = await failure(openDumpSource("http://dumps.example.com/db-dump.tar.gz"));
    expect(plain.message).toMatch(/^http:\/\/dumps\.example\.com\/db-dump\.tar\.gz: only https URLs are accepted/);
    const ftp = await failure(openDumpSource("ftp://dumps.example.com/db-dump.tar.gz"));
    expect(ftp.message).toMatch(/only https URLs are accepted/);
    const redirect = await failure(openDumpSource(`${base}/to-plain-http`));
    expect(redirect.message).toMatch(new RegExp(`^${base}/to-plain-http: refused redirect to http://dumps\\.example\\.com/db-dump\\.tar\\.gz: only https`));
  });

  it("reads from the network only as fast as its reader takes the bytes", async () => {
    const source = await openDumpSource(`${base}/big`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Unread, the body stops at a few socket and stream buffers, far from its 64 MB.
    expect(source.bytesRead()).toBeLessThan(4 * 1024 * 1024);
    let total = 0;
    for await (const chunk of source.stream) total += (chunk as Buffer).length;
    expect(total).toBe(BIG);
    expect(source.bytesRead()).toBe(BIG);
  });

  it("refuses a file that is not gzip and names it", async () => {
    const file = path.join(dir, "page.html");
    await writeFile(file, "<html></html>");
    const error = await failure(openDumpSource(file));
    expect(error.message).toMatch(new RegExp(`^${file}: the file begins with bytes 3c68 .*not gzip data`));
  });
});
