import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../../test/test-database";
import { clientFor, ignoreQuality, keepOnlyCrates, RECORDED_NOW } from "./meilisearch-test-helpers";
import { pushChangedDocuments } from "./push-changed-documents";
import { replayOrRecord, type ReplayServer } from "./replay-server";
import { loadSearchDocumentRows } from "./search-document";

// Incremental pushes against recorded exchanges (recordings/push-*.json), on
// the fixture database cut down to serde and tokio. The tests run in order:
// each starts from what the one before left in the database.
describe("pushChangedDocuments", () => {
  const database = useTestPrisma({ seeded: true });
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const push = async (recording: string) => {
    server = await replayOrRecord(recording, { normalize: ignoreQuality });
    try {
      return await pushChangedDocuments(database.prisma, clientFor(server), { batchSize: 1, now: () => RECORDED_NOW });
    } finally {
      server.verify();
    }
  };
  const table = async () =>
    Object.fromEntries((await database.prisma.searchDocument.findMany()).map((row) => [row.nameLower, row.docHash]));

  beforeAll(async () => {
    await keepOnlyCrates(database.prisma, ["serde", "tokio"]);
  });

  it("rebuilds when nothing was pushed yet", async () => {
    // The same exchanges as a rebuild: push has nothing to compare with.
    const result = await push("rebuild");
    expect(result).toEqual({ rebuilt: true, pushed: 2, deleted: 0 });
    expect(Object.keys(await table()).sort()).toEqual(["serde", "tokio"]);
  });

  it("sends nothing when nothing changed", async () => {
    const before = await table();
    expect(await push("push-unchanged")).toEqual({ rebuilt: false, pushed: 0, deleted: 0 });
    expect(server!.received).toEqual(["GET /indexes/crates"]);
    expect(await table()).toEqual(before);
  });

  it("sends only the changed document and deletes a removed crate's", async () => {
    const before = await table();
    await database.prisma.crate.update({
      where: { name: "serde" },
      data: { description: "A generic serialization/deserialization framework, changed by a test" },
    });
    await database.prisma.crate.update({ where: { name: "tokio" }, data: { removedAt: new Date() } });

    expect(await push("push-changed")).toEqual({ rebuilt: false, pushed: 1, deleted: 1 });
    const after = await table();
    expect(Object.keys(after)).toEqual(["serde"]);
    expect(after.serde).not.toBe(before.serde);

    // Recorded state matches the database now: the next push has nothing to send.
    expect(await push("push-unchanged")).toEqual({ rebuilt: false, pushed: 0, deleted: 0 });
  });

  it("throws a failed task's error and keeps the table, so the next push sends the change again", async () => {
    const before = await table();
    await database.prisma.crate.update({ where: { name: "serde" }, data: { description: "Changed again, and the push fails" } });

    await expect(push("push-task-failed")).rejects.toThrow(/task 301 \(documentAdditionOrUpdate on crates\) failed: There is no more space/);
    expect(await table()).toEqual(before);
    const [changed] = await database.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM search_documents`;
    expect(Number(changed!.n)).toBe(1);
  });

  it("rebuilds when the index is gone, creating it to swap with", async () => {
    const result = await push("push-index-missing");
    expect(result).toEqual({ rebuilt: true, pushed: 1, deleted: 0 });
    expect(server!.received.filter((r) => r === "POST /indexes")).toHaveLength(2);
    expect(Object.keys(await table())).toEqual(["serde"]);
  });

  it("sends a document whose verdicts changed (a view began hiding or demoting the crate), and only then", async () => {
    const db = database.prisma;
    const before = await table();
    // The recording names the views by id: the two the curation migration makes.
    expect(await db.view.findMany({ orderBy: { id: "asc" }, select: { id: true, slug: true } })).toEqual([
      { id: 1, slug: "default" },
      { id: 2, slug: "everything" },
    ]);
    const verdict = (viewId: number, action: string) => ({ viewId, nameLower: "serde", action, sources: { decidedBy: null, labels: [], replaceWith: null } });
    await db.crateVerdict.createMany({ data: [verdict(1, "hide"), verdict(2, "demote")] });
    const [row] = await loadSearchDocumentRows(db, { names: ["serde"], limit: 1 });
    expect(row!.hash).not.toBe(before.serde);
    expect(row!.document).toMatchObject({ hidden_in_views: [1], demoted_in_views: [2] });

    expect(await push("push-verdict-changed")).toEqual({ rebuilt: false, pushed: 1, deleted: 0 });
    expect(await table()).toEqual({ serde: row!.hash });

    // Labels are not in the document: a verdict that changes only them sends nothing.
    await db.crateVerdict.update({ where: { viewId_nameLower: { viewId: 2, nameLower: "serde" } }, data: { labels: ["unmaintained"] } });
    expect(await push("push-unchanged")).toEqual({ rebuilt: false, pushed: 0, deleted: 0 });
  });
});
