import type { Meilisearch } from "meilisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../../test/test-database";
import type { SearchRequest } from "../search-backend";
import { describeSearchBackendContract } from "../search-backend-contract";
import { createMeilisearchClient } from "./create-meilisearch-client";
import { createMeilisearchBackend } from "./meilisearch-search-backend";
import { rebuildSearchIndex } from "./rebuild-search-index";
import { lookupCategoryNames } from "./lookup-category-names";
import { lookupCrateCurations } from "./lookup-crate-curations";
import { pushChangedDocuments } from "./push-changed-documents";
import { loadSearchDocumentRows } from "./search-document";
import { searchRequest } from "../../../test/search-request";

// Against a real Meilisearch, only when MEILI_URL is set (MEILI_API_KEY too if
// the server has a master key), e.g.
//   docker run -p 7700:7700 getmeili/meilisearch:v1.41
//   MEILI_URL=http://127.0.0.1:7700 npx vitest run lib/search/meilisearch/meilisearch-live.db.test.ts
// It builds its own index (named after the run) from the seeded fixture
// database and deletes it afterwards.
const url = process.env.MEILI_URL;
if (!url) {
  console.warn("\n[tests] MEILI_URL is not set: the live Meilisearch tests (meilisearch-live.db.test.ts) are SKIPPED.\n");
}

describe.skipIf(!url)("Meilisearch, live", () => {
  const database = useTestPrisma({ seeded: true });
  const indexUid = `crates_test_${process.pid}`;
  const connection = { url: url!, apiKey: process.env.MEILI_API_KEY, timeoutMs: 30_000 };
  // Made lazily: a skipped block's body still runs (to collect its tests).
  let meili: Meilisearch;
  const backend = () =>
    createMeilisearchBackend({
      ...connection,
      indexUid,
      categoryNames: lookupCategoryNames(database.prisma),
      loadCurations: lookupCrateCurations(database.prisma),
    });
  const search = (q: string, extra: Partial<SearchRequest> = {}) => backend().search(searchRequest(q, extra));

  beforeAll(async () => {
    meili = createMeilisearchClient(connection);
    const result = await rebuildSearchIndex(database.prisma, meili, { indexUid });
    expect(result.documents).toBe(await database.prisma.crate.count({ where: { removedAt: null } }));
  }, 300_000);
  afterAll(async () => {
    await meili?.deleteIndexIfExists(indexUid);
  });

  it("finds serde first for serde, also when misspelt", async () => {
    expect((await search("serde")).results[0]).toMatchObject({ name: "serde", exactMatch: true });
    expect((await search("sedre")).results.map((r) => r.name)).toContain("serde");
  });

  it("filters and counts facets", async () => {
    const result = await search("", { filters: { keyword: "async" }, facets: true, perPage: 50 });
    expect(result.total).toBeGreaterThan(0);
    expect(result.facets!.keyword[0]).toMatchObject({ value: "async", count: result.total });
    const names = new Map((await database.prisma.category.findMany()).map((c) => [c.slug, c.name]));
    for (const facet of result.facets!.category) expect(facet.label).toBe(names.get(facet.value));
  });

  it("pushes a changed description and a removed crate", async () => {
    const tokio = await database.prisma.crate.findUniqueOrThrow({ where: { name: "tokio" } });
    await database.prisma.crate.update({ where: { name: "tokio" }, data: { description: "zzqxv marker for the push test" } });
    await database.prisma.crate.update({ where: { name: "anyhow" }, data: { removedAt: new Date() } });
    expect(await pushChangedDocuments(database.prisma, meili, { indexUid })).toEqual({ rebuilt: false, pushed: 1, deleted: 1 });
    expect((await search("zzqxv")).results.map((r) => r.name)).toEqual(["tokio"]);
    expect((await search("anyhow")).results.map((r) => r.name)).not.toContain("anyhow");
    // Put back what the shared contract below expects.
    await database.prisma.crate.update({ where: { name: "anyhow" }, data: { removedAt: null } });
    await database.prisma.crate.update({ where: { name: "tokio" }, data: { description: tokio.description } });
    expect(await pushChangedDocuments(database.prisma, meili, { indexUid })).toEqual({ rebuilt: false, pushed: 2, deleted: 0 });
  });

  it("applies a curated view: leaves out and counts what it hides, shows it on request, marks what it demotes", async () => {
    const db = database.prisma;
    const viewId = (await db.view.findUniqueOrThrow({ where: { slug: "default" } })).id;
    const verdict = (nameLower: string, action: "hide" | "demote", line: number) => {
      const decidedBy = { listSlug: "live-test", line, rule: `${action} ${nameLower}`, reason: null };
      return { viewId, nameLower, action, sources: { action, decidedBy, labels: [], replaceWith: null } };
    };
    await db.crateVerdict.createMany({ data: [verdict("serde_json", "hide", 1), verdict("serde_derive", "demote", 2)] });
    try {
      expect(await pushChangedDocuments(db, meili, { indexUid })).toEqual({ rebuilt: false, pushed: 2, deleted: 0 });
      const plain = await search("serde", { perPage: 50 });
      expect(plain.hidden).toBeNull();
      const inView = await search("serde", { perPage: 50, view: { viewId, showHidden: false } });
      expect(inView).toMatchObject({ total: plain.total - 1, hidden: 1 });
      expect(inView.results.map((r) => r.name)).not.toContain("serde_json");
      const derive = inView.results.find((r) => r.name === "serde_derive")!;
      expect(derive.curation).toMatchObject({ action: "demote", decidedBy: { line: 2 } });
      expect(derive.rank.demotion).toMatchObject({ by: { listSlug: "live-test", line: 2 } });
      const shown = await search("serde", { perPage: 50, view: { viewId, showHidden: true } });
      expect(shown).toMatchObject({ total: plain.total, hidden: 1 });
      expect(shown.results.find((r) => r.name === "serde_json")!.curation).toMatchObject({ action: "hide" });
    } finally {
      // Put back what the shared contract below expects.
      await db.crateVerdict.deleteMany({ where: { viewId, nameLower: { in: ["serde_json", "serde_derive"] } } });
      expect(await pushChangedDocuments(db, meili, { indexUid })).toEqual({ rebuilt: false, pushed: 2, deleted: 0 });
    }
  });

  describeSearchBackendContract("meilisearch", () => ({
    backend: backend(),
    prisma: database.prisma,
    // What lib/reviews does after a rating change (notifyRatingsChanged), on this run's index.
    // The contract also calls it after changing a view's verdicts, some of
    // which (labels only) leave the document as it was: so not every named
    // crate is sent, but afterwards none differs from what the index holds.
    ratingsChanged: async (names) => {
      const result = await pushChangedDocuments(database.prisma, meili, { indexUid, names });
      expect(result.skipped).toBeUndefined();
      expect(result.pushed).toBeLessThanOrEqual(names.length);
      expect(await loadSearchDocumentRows(database.prisma, { names, changedOnly: true, limit: names.length })).toEqual([]);
    },
  }));
});
