import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { searchRequest } from "../../test/search-request";
import { clientFor, ignoreQuality, keepOnlyCrates, RECORDED_NOW } from "./meilisearch/meilisearch-test-helpers";
import { pushChangedDocuments } from "./meilisearch/push-changed-documents";
import { rebuildSearchIndex } from "./meilisearch/rebuild-search-index";
import { replayOrRecord, startReplayServer, type ReplayServer } from "./meilisearch/replay-server";
import { MeilisearchTaskError } from "./meilisearch/wait-for-tasks";
import { withSearchIndexLock } from "./meilisearch/with-search-index-lock";
import { notifyRatingsChanged } from "./notify-ratings-changed";
import type { SearchBackend } from "./search-backend";
import { withCache } from "./with-cache";

// notifyRatingsChanged against recorded exchanges (recordings/push-rating-*.json),
// on the fixture database cut down to serde and tokio. The tests run in order.
describe("notifyRatingsChanged", () => {
  const database = useTestPrisma({ seeded: true });
  let server: ReplayServer | undefined;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  afterEach(async () => {
    await server?.close();
    server = undefined;
    lines.length = 0;
    delete (globalThis as { cratelistSearch?: SearchBackend }).cratelistSearch;
  });
  beforeAll(async () => {
    await keepOnlyCrates(database.prisma, ["serde", "tokio"]);
  });
  const hashes = async () => Object.fromEntries((await database.prisma.searchDocument.findMany()).map((row) => [row.nameLower, row.docHash]));
  const rate = (criterion: string, score: number, count: number) =>
    database.prisma.crateRating.upsert({
      where: { crateName_criterion: { crateName: "serde", criterion } },
      create: { crateName: "serde", criterion, score, count, mean: score, histogram: [0, 0, 0, 0, count] },
      update: { score, count, mean: score },
    });
  /** The site's answer cache, as getSearchBackend() keeps it, with a count of the searches that reached the backend. */
  const installCache = () => {
    let calls = 0;
    const inner: SearchBackend = {
      name: "postgres",
      search: async (request) => {
        calls += 1;
        return { total: calls, page: request.page, perPage: request.perPage, results: [], facets: null, didYouMean: null, backend: "postgres", degraded: false, hidden: null };
      },
    };
    (globalThis as { cratelistSearch?: SearchBackend }).cratelistSearch = withCache(inner, { ttlMs: 60_000, maxEntries: 10 });
    return { search: () => (globalThis as { cratelistSearch?: SearchBackend }).cratelistSearch!.search(searchRequest("serde")), calls: () => calls };
  };

  it("without Meilisearch sends nothing, and clears the answer cache so the new ratings show at once", async () => {
    const cache = installCache();
    await cache.search();
    await cache.search();
    expect(cache.calls()).toBe(1);
    expect(await notifyRatingsChanged(database.prisma, ["serde"], { meilisearch: null, log })).toBeNull();
    await cache.search();
    expect(cache.calls()).toBe(2);
  });

  it("sends nothing while the index was never built (the worker's next push builds it)", async () => {
    server = await startReplayServer({ description: "no request expected", source: "test", exchanges: [] });
    const result = await notifyRatingsChanged(database.prisma, ["serde"], { meilisearch: { url: server.url }, log });
    expect(result).toEqual({ rebuilt: false, pushed: 0, deleted: 0, skipped: "not-built" });
    expect(server.received).toEqual([]);
    server.verify();
    expect(lines.join("\n")).toMatch(/not built yet/);
  });

  it("sends only the named crate's document, with its ratings, and records its hash", async () => {
    server = await replayOrRecord("rebuild", { normalize: ignoreQuality });
    await rebuildSearchIndex(database.prisma, clientFor(server), { batchSize: 1, now: () => RECORDED_NOW });
    server.verify();
    await server.close();
    const before = await hashes();

    await rate("overall", 4.5, 3);
    await rate("documentation", 5, 3);
    const cache = installCache();
    await cache.search();
    server = await replayOrRecord("push-rating-changed", { normalize: ignoreQuality });
    // Any case: names are compared as crates.name_lower.
    const result = await notifyRatingsChanged(database.prisma, ["Serde"], { meilisearch: { url: server.url }, log });
    server.verify();
    expect(result).toEqual({ rebuilt: false, pushed: 1, deleted: 0 });
    const after = await hashes();
    expect(after.serde).not.toBe(before.serde);
    expect(after.tokio).toBe(before.tokio);
    await cache.search();
    expect(cache.calls()).toBe(2);
    await server.close();

    // Nothing changed since: only the index check.
    server = await replayOrRecord("push-unchanged");
    expect(await notifyRatingsChanged(database.prisma, ["serde", "tokio"], { meilisearch: { url: server.url }, log })).toEqual({
      rebuilt: false,
      pushed: 0,
      deleted: 0,
    });
    server.verify();
  });

  it("throws a failed task's error and keeps the hash, so the worker's next push sends the change again", async () => {
    const before = await hashes();
    await rate("overall", 2, 4);
    const cache = installCache();
    await cache.search();
    server = await replayOrRecord("push-rating-task-failed", { normalize: ignoreQuality });
    const notify = notifyRatingsChanged(database.prisma, ["serde"], { meilisearch: { url: server.url }, log });
    await expect(notify).rejects.toThrow(MeilisearchTaskError);
    await expect(notify).rejects.toThrow(/task 502 \(documentAdditionOrUpdate on crates\) failed: There is no more space/);
    server.verify();
    expect(await hashes()).toEqual(before);
    // The cache is cleared all the same: PostgreSQL (the fallback) already has the new ratings.
    await cache.search();
    expect(cache.calls()).toBe(2);
  });

  it("gives up on the named push, sending nothing, while a rebuild or another push holds the index", async () => {
    server = await startReplayServer({ description: "no request expected", source: "test", exchanges: [] });
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = withSearchIndexLock(database.prisma, async () => {
      locked();
      await held;
    });
    await isLocked;
    try {
      const started = Date.now();
      const result = await pushChangedDocuments(database.prisma, clientFor(server), { names: ["serde"], lockWaitMs: 300, log });
      expect(result).toEqual({ rebuilt: false, pushed: 0, deleted: 0, skipped: "busy" });
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      expect(server.received).toEqual([]);
    } finally {
      release();
      await holder;
    }
  });
});
