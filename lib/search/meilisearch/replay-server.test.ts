import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createMeilisearchClient } from "./create-meilisearch-client";
import { startRecordingServer, startReplayServer, type Recording, type ReplayServer } from "./replay-server";

const recording: Recording = {
  description: "test",
  source: "test",
  exchanges: [
    {
      request: { method: "POST", path: "/indexes/crates/documents", query: { primaryKey: "id" }, body: [{ id: 1, name: "a" }] },
      response: { status: 202, body: { taskUid: 7, indexUid: "crates", status: "enqueued", type: "documentAdditionOrUpdate", enqueuedAt: "2026-12-03T00:00:00Z" } },
    },
    {
      request: { method: "GET", path: "/tasks/7" },
      response: { status: 200, body: { uid: 7, indexUid: "crates", status: "succeeded", type: "documentAdditionOrUpdate", error: null } },
    },
  ],
};

describe("replay server", () => {
  const servers: ReplayServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });
  const start = async (r: Recording) => {
    const server = await startReplayServer(r);
    servers.push(server);
    return server;
  };

  it("answers requests that match the recording, in order", async () => {
    const server = await start(recording);
    const meili = createMeilisearchClient({ url: server.url, timeoutMs: 2_000 });
    const task = await meili.index("crates").addDocuments([{ id: 1, name: "a" }], { primaryKey: "id" }).waitTask();
    expect(task.status).toBe("succeeded");
    expect(() => server.verify()).not.toThrow();
  });

  it.each([
    ["another body", [{ id: 1, name: "b" }], { primaryKey: "id" }],
    ["another query", [{ id: 1, name: "a" }], { primaryKey: "name" }],
    ["no query", [{ id: 1, name: "a" }], undefined],
  ])("fails a request with %s", async (_label, documents, options) => {
    const server = await start(recording);
    const meili = createMeilisearchClient({ url: server.url, timeoutMs: 2_000 });
    await expect(meili.index("crates").addDocuments(documents, options)).rejects.toThrow(/replay:/);
    expect(() => server.verify()).toThrow(/failed:\n- request 1/);
  });

  it("fails another method or path, an extra request, and an exchange never asked for", async () => {
    const server = await start(recording);
    const wrongPath = await fetch(`${server.url}/indexes/other/documents?primaryKey=id`, { method: "POST", body: "[]" });
    expect(wrongPath.status).toBe(500);
    expect(() => server.verify()).toThrow(/expected POST \/indexes\/crates\/documents\?primaryKey=id[\s\S]*never requested: POST/);

    const unused = await start(recording);
    expect(() => unused.verify()).toThrow(/recorded but never requested: POST \/indexes\/crates\/documents, GET \/tasks\/7/);

    const extra = await start({ ...recording, exchanges: [] });
    await fetch(`${extra.url}/version`);
    expect(() => extra.verify()).toThrow(/no more requests were recorded/);
  });

  it("records through a live server, leaving out polls of unfinished tasks", async () => {
    // The "live" server is itself a replay that makes the client poll twice.
    const processing = { request: { method: "GET", path: "/tasks/7" }, response: { status: 200, body: { uid: 7, status: "processing" } } };
    const version = { request: { method: "GET", path: "/version" }, response: { status: 200, body: { pkgVersion: "1.99.0" } } };
    const upstream = await start({ ...recording, exchanges: [recording.exchanges[0]!, processing, recording.exchanges[1]!, version] });
    const dir = mkdtempSync(path.join(tmpdir(), "meili-record-"));
    try {
      const file = path.join(dir, "out.json");
      const recorder = await startRecordingServer(upstream.url, file, "re-recorded");
      const meili = createMeilisearchClient({ url: recorder.url, apiKey: "secret-key", timeoutMs: 2_000 });
      await meili.index("crates").addDocuments([{ id: 1, name: "a" }], { primaryKey: "id" }).waitTask({ interval: 1 });
      await recorder.close();
      expect(() => upstream.verify()).not.toThrow();

      const written = JSON.parse(readFileSync(file, "utf8")) as Recording;
      expect(written.description).toBe("re-recorded");
      expect(written.source).toMatch(/^recorded from Meilisearch 1\.99\.0 at /);
      expect(written.exchanges).toEqual(recording.exchanges);
      expect(JSON.stringify(written)).not.toMatch(/secret-key|authorization/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
