import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { fetchRemoteList, isPublicAddress } from "./fetch-remote-list";
import { refreshRemoteLists } from "./refresh-remote-lists";

// A local list server on 127.0.0.1; CURATION_ALLOW_PRIVATE_URLS=1 lets the
// fetcher reach it (and use http), as in development.

const GOOD = "! Title: Remote one\n! Expires: 2 hours\nhide name:serde # remote\n";

describe("fetchRemoteList", () => {
  const database = useTestPrisma({ seeded: false });
  let server: http.Server;
  let base: string;
  let requests: { path: string; headers: http.IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      requests.push({ path: req.url ?? "", headers: req.headers });
      const path = req.url ?? "";
      if (path === "/good.txt") {
        if (req.headers["if-none-match"] === '"v1"') return res.writeHead(304).end();
        return res.writeHead(200, { etag: '"v1"', "content-type": "text/plain" }).end(GOOD);
      }
      if (path === "/redirect") return res.writeHead(302, { location: "/good.txt" }).end();
      if (path === "/loop") return res.writeHead(302, { location: "/loop" }).end();
      if (path === "/bad.txt") return res.writeHead(200).end("hide\nfrobnicate name:x\n");
      if (path === "/big.txt") {
        // 3 MB streamed without a Content-Length.
        res.writeHead(200, { "content-type": "text/plain" });
        const line = "hide name:abc\n".repeat(1000);
        for (let i = 0; i < 220; i++) res.write(line);
        return res.end();
      }
      if (path === "/slow.txt") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("! Title: slow\n");
        return; // never ends
      }
      res.writeHead(404).end("not here");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    delete process.env.CURATION_ALLOW_PRIVATE_URLS;
    requests = [];
  });

  it("200 stores the list; 304 with the ETag keeps it; a redirect is followed", async () => {
    process.env.CURATION_ALLOW_PRIVATE_URLS = "1";
    const db = database.prisma;
    const url = `${base}/good.txt`;
    expect(await fetchRemoteList(db, url)).toEqual({ ok: true, changed: true });
    const row = await db.remoteList.findUniqueOrThrow({ where: { url } });
    expect(row).toMatchObject({ body: GOOD, title: "Remote one", etag: '"v1"', refreshMinutes: 120, fetchError: null });
    expect(await fetchRemoteList(db, url)).toEqual({ ok: true, changed: false });
    expect(requests.at(-1)!.headers["if-none-match"]).toBe('"v1"');
    expect(await fetchRemoteList(db, `${base}/redirect`)).toEqual({ ok: true, changed: true });
    expect(await fetchRemoteList(db, `${base}/loop`)).toMatchObject({ ok: false, error: expect.stringMatching(/redirects/) });
  });

  it("404, bad text, oversized and slow lists fail and keep the last good copy", async () => {
    process.env.CURATION_ALLOW_PRIVATE_URLS = "1";
    const db = database.prisma;
    expect(await fetchRemoteList(db, `${base}/missing.txt`)).toEqual({ ok: false, error: expect.stringMatching(/HTTP 404/) });
    expect(await db.remoteList.findUnique({ where: { url: `${base}/missing.txt` } })).toBeNull();
    expect(await fetchRemoteList(db, `${base}/bad.txt`)).toEqual({ ok: false, error: expect.stringMatching(/does not parse.*line 1/) });
    expect(await fetchRemoteList(db, `${base}/big.txt`)).toEqual({ ok: false, error: expect.stringMatching(/larger than 2 MB/) });
    const started = Date.now();
    expect(await fetchRemoteList(db, `${base}/slow.txt`, { timeoutMs: 300 })).toEqual({ ok: false, error: expect.stringMatching(/within 0.3 s/) });
    expect(Date.now() - started).toBeLessThan(3000);

    // A stored list whose URL starts failing keeps its body and records the error.
    const url = `${base}/good.txt`;
    await db.remoteList.update({ where: { url }, data: { etag: null } });
    await db.remoteList.update({ where: { url }, data: { url: `${base}/gone.txt` } });
    expect(await fetchRemoteList(db, `${base}/gone.txt`)).toMatchObject({ ok: false });
    expect(await db.remoteList.findUniqueOrThrow({ where: { url: `${base}/gone.txt` } })).toMatchObject({
      body: GOOD,
      fetchError: expect.stringMatching(/404/),
      lastAttemptAt: expect.any(Date),
    });
  });

  it("without the flag: plain http and private addresses are refused", async () => {
    const db = database.prisma;
    expect(await fetchRemoteList(db, `${base}/good.txt`)).toEqual({ ok: false, error: "only https:// URLs can be fetched" });
    for (const host of ["127.0.0.1", "localhost", "[::1]", "10.1.2.3", "192.168.0.1", "169.254.169.254", "[::ffff:127.0.0.1]"]) {
      const result = await fetchRemoteList(db, `https://${host}/list.txt`, { timeoutMs: 2000 });
      expect(result, host).toMatchObject({ ok: false, error: expect.stringMatching(/not a public address/) });
    }
    expect(requests).toEqual([]);
    for (const ip of ["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.1.1", "100.64.0.1", "0.0.0.0", "::1", "fc00::1", "fd12::1", "fe80::1", "::ffff:10.0.0.1", "::ffff:7f00:1", "::"]) {
      expect(isPublicAddress(ip), ip).toBe(false);
    }
    for (const ip of ["1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "172.32.0.1"]) expect(isPublicAddress(ip), ip).toBe(true);
  });

  it("refreshRemoteLists fetches only what is due", async () => {
    process.env.CURATION_ALLOW_PRIVATE_URLS = "1";
    const db = database.prisma;
    const url = `${base}/good.txt`;
    await fetchRemoteList(db, url);
    const later = new Date(Date.now() + 3 * 3600_000);
    requests = [];
    const notDue = await refreshRemoteLists(db, { now: new Date() });
    expect(notDue.checked).toBe(0);
    const due = await refreshRemoteLists(db, { now: later });
    expect(due.checked).toBeGreaterThanOrEqual(1);
    expect(requests.some((r) => r.path === "/good.txt")).toBe(true);
  });
});
