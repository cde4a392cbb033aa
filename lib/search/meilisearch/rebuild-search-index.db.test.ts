import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../../test/test-database";
import { clientFor, ignoreQuality, keepOnlyCrates, RECORDED_NOW } from "./meilisearch-test-helpers";
import { rebuildSearchIndex } from "./rebuild-search-index";
import { replayOrRecord, type ReplayServer } from "./replay-server";
import { MeilisearchTaskError } from "./wait-for-tasks";

// A full rebuild against recorded exchanges (recordings/rebuild*.json), on the
// fixture database cut down to serde and tokio so the recordings stay short.
describe("rebuildSearchIndex", () => {
  const database = useTestPrisma({ seeded: true });
  let server: ReplayServer | undefined;
  beforeAll(async () => {
    await keepOnlyCrates(database.prisma, ["serde", "tokio"]);
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const hashes = () => database.prisma.searchDocument.findMany({ orderBy: { crateId: "asc" }, select: { crateId: true, nameLower: true } });

  it("builds a new index with the settings and every document, swaps it in, then deletes the old one", async () => {
    await database.prisma.$executeRaw`INSERT INTO search_documents (crate_id, name_lower, doc_hash) VALUES (99999, 'stale', 'x')`;
    server = await replayOrRecord("rebuild", { normalize: ignoreQuality });
    const lines: string[] = [];
    const result = await rebuildSearchIndex(database.prisma, clientFor(server), { batchSize: 1, now: () => RECORDED_NOW, log: (l) => lines.push(l) });
    server.verify();

    const tmp = "crates_1796256000000";
    expect(result).toEqual({ indexUid: "crates", builtAs: tmp, documents: 2 });
    // Task uids are the server's; the order is ours.
    expect(server.received.map((r) => r.replace(/\/tasks\/\d+$/, "/tasks/<uid>"))).toEqual([
      "POST /indexes",
      "GET /tasks/<uid>",
      `PATCH /indexes/${tmp}/settings`,
      "GET /tasks/<uid>",
      `POST /indexes/${tmp}/documents`,
      `POST /indexes/${tmp}/documents`,
      "GET /tasks/<uid>",
      "GET /tasks/<uid>",
      "GET /indexes/crates",
      "POST /swap-indexes",
      "GET /tasks/<uid>",
      `DELETE /indexes/${tmp}`,
      "GET /tasks/<uid>",
    ]);
    // The table now says exactly what the new index holds.
    expect(await hashes()).toEqual([
      { crateId: 152, nameLower: "serde" },
      { crateId: 184, nameLower: "tokio" },
    ]);
    expect(lines.at(-1)).toMatch(/crates now serves the new documents/);
  });

  it("throws the failed task's error, swaps nothing, drops the new index and keeps the table as it was", async () => {
    const before = await database.prisma.searchDocument.findMany({ orderBy: { crateId: "asc" } });
    expect(before).toHaveLength(2);
    server = await replayOrRecord("rebuild-task-failed", { normalize: ignoreQuality });
    const rebuild = rebuildSearchIndex(database.prisma, clientFor(server), { batchSize: 1, now: () => RECORDED_NOW });

    await expect(rebuild).rejects.toThrow(MeilisearchTaskError);
    await expect(rebuild).rejects.toThrow(/There is no more space left on the device.*\(no_space_left_on_device\)/);
    server.verify();
    expect(server.received).not.toContain("POST /swap-indexes");
    expect(server.received.at(-1)).toBe("DELETE /indexes/crates_1796256000000");
    expect(await database.prisma.searchDocument.findMany({ orderBy: { crateId: "asc" } })).toEqual(before);
  });
});
