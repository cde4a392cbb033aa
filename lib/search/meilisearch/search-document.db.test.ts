import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../../test/test-database";
import { rankBreakdown } from "../rank-score";
import { ignoreQuality, sentDocuments } from "./meilisearch-test-helpers";
import { readRecording } from "./replay-server";
import { loadSearchDocumentRows, loadSearchDocuments } from "./search-document";

describe("loadSearchDocuments", () => {
  const database = useTestPrisma({ seeded: true });

  it("builds the recorded documents of serde and tokio from the fixture crates", async () => {
    const documents = await loadSearchDocuments(database.prisma, { names: ["Tokio", "serde"], limit: 10 });
    const recorded = sentDocuments(readRecording("rebuild").exchanges);
    expect(recorded.map((d) => d.name)).toEqual(["serde", "tokio"]);
    expect(ignoreQuality(documents, { method: "POST", path: "" })).toEqual(ignoreQuality(recorded, { method: "POST", path: "" }));
  });

  it("carries rank-score.ts's quality, rounded", async () => {
    const documents = await loadSearchDocuments(database.prisma, { names: ["serde", "tokio", "libc"], limit: 10 });
    expect(documents).toHaveLength(3);
    for (const doc of documents) {
      const { quality } = rankBreakdown(
        {
          downloads: doc.downloads,
          recentDownloads: doc.recent_downloads,
          reverseDependencies: doc.reverse_dependencies,
          updatedAt: doc.updated_at === null ? null : new Date(doc.updated_at * 1000),
          allYanked: doc.all_yanked,
        },
        null,
        false,
      );
      expect(Math.abs(doc.quality - quality), doc.name).toBeLessThanOrEqual(0.0005 + 1e-6);
      expect(doc.quality * 1000).toBe(Math.round(doc.quality * 1000));
    }
  });

  it("pages by id through every crate in the registry, once each, skipping removed ones", async () => {
    const db = database.prisma;
    const served = await db.crate.count({ where: { removedAt: null } });
    const seen: number[] = [];
    for (let afterId = 0; ; ) {
      const page = await loadSearchDocuments(db, { afterId, limit: 50 });
      if (page.length === 0) break;
      seen.push(...page.map((d) => d.id));
      afterId = page[page.length - 1]!.id;
    }
    expect(seen).toHaveLength(served);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(served);

    await db.crate.update({ where: { name: "libc" }, data: { removedAt: new Date() } });
    expect(await loadSearchDocuments(db, { names: ["libc", "serde"], limit: 10 })).toMatchObject([{ name: "serde" }]);
  });

  it("hashes the document's text, so the hash changes with the document and only then", async () => {
    const db = database.prisma;
    const [before] = await loadSearchDocumentRows(db, { names: ["tokio"], limit: 1 });
    const [again] = await loadSearchDocumentRows(db, { names: ["tokio"], limit: 1 });
    expect(again!.hash).toBe(before!.hash);
    expect(before!.hash).toMatch(/^[0-9a-f]{32}$/);
    await db.crate.update({ where: { name: "tokio" }, data: { description: "changed" } });
    const [after] = await loadSearchDocumentRows(db, { names: ["tokio"], limit: 1 });
    expect(after!.hash).not.toBe(before!.hash);
    expect(after!.document.description).toBe("changed");
  });

  it("carries the ratings of rated criteria only, and quality times the rating factor; a rating change changes the hash", async () => {
    const db = database.prisma;
    const [before] = await loadSearchDocumentRows(db, { names: ["serde"], limit: 1 });
    expect(Object.keys(before!.document).filter((key) => key.startsWith("rating_"))).toEqual([]);

    const rating = (criterion: string, score: number, count: number) => ({ crateName: "serde", criterion, score, count, mean: score, histogram: [0, 0, 0, 0, count] });
    await db.crateRating.createMany({ data: [rating("overall", 5, 4), rating("documentation", 3.25, 2)] });
    const [after] = await loadSearchDocumentRows(db, { names: ["serde"], limit: 1 });
    expect(after!.hash).not.toBe(before!.hash);
    expect(after!.document).toMatchObject({ rating_overall: 5, rating_overall_count: 4, rating_documentation: 3.25, rating_documentation_count: 2 });
    expect(Object.keys(after!.document).filter((key) => key.startsWith("rating_")).sort()).toEqual([
      "rating_documentation",
      "rating_documentation_count",
      "rating_overall",
      "rating_overall_count",
    ]);
    // Five stars from four reviews: quality × 1.1 (each rounded to three decimals).
    expect(Math.abs(after!.document.quality - before!.document.quality * 1.1)).toBeLessThanOrEqual(0.0021);

    // One more review at the same score changes the document too.
    await db.crateRating.update({ where: { crateName_criterion: { crateName: "serde", criterion: "documentation" } }, data: { count: 3 } });
    const [again] = await loadSearchDocumentRows(db, { names: ["serde"], limit: 1 });
    expect(again!.hash).not.toBe(after!.hash);
    expect(again!.document.rating_documentation_count).toBe(3);
    await db.crateRating.deleteMany({ where: { crateName: "serde" } });
    const [unrated] = await loadSearchDocumentRows(db, { names: ["serde"], limit: 1 });
    expect(unrated!.hash).toBe(before!.hash);
  });

  it("carries the views that hide and that demote the crate, in id order; a verdict change changes the hash", async () => {
    const db = database.prisma;
    const [before] = await loadSearchDocumentRows(db, { names: ["anyhow"], limit: 1 });
    expect(before!.document).toMatchObject({ hidden_in_views: [], demoted_in_views: [] });

    const view = async (slug: string) => (await db.view.create({ data: { slug, title: slug } })).id;
    const [a, b, c, d] = [await view("doc-test-a"), await view("doc-test-b"), await view("doc-test-c"), await view("doc-test-d")];
    const verdict = (viewId: number, action: string | null) => ({
      viewId,
      nameLower: "anyhow",
      action,
      sources: { decidedBy: null, labels: [], replaceWith: null },
    });
    // Inserted out of order: the arrays come out sorted anyway.
    await db.crateVerdict.createMany({ data: [verdict(c, "hide"), verdict(b, "demote"), verdict(a, "hide")] });
    const [after] = await loadSearchDocumentRows(db, { names: ["anyhow"], limit: 1 });
    expect(after!.hash).not.toBe(before!.hash);
    expect(after!.document).toMatchObject({ hidden_in_views: [a, c], demoted_in_views: [b] });
    // Other crates keep theirs.
    const [other] = await loadSearchDocumentRows(db, { names: ["tokio"], limit: 1 });
    expect(other!.document).toMatchObject({ hidden_in_views: [], demoted_in_views: [] });

    // An exception (allow) or labels only (null) neither hide nor demote: the document stays the same.
    await db.crateVerdict.createMany({ data: [verdict(d, "allow")] });
    await db.crateVerdict.update({ where: { viewId_nameLower: { viewId: c, nameLower: "anyhow" } }, data: { action: null } });
    const [relabelled] = await loadSearchDocumentRows(db, { names: ["anyhow"], limit: 1 });
    expect(relabelled!.document).toMatchObject({ hidden_in_views: [a], demoted_in_views: [b] });
    await db.crateVerdict.update({ where: { viewId_nameLower: { viewId: d, nameLower: "anyhow" } }, data: { labels: ["unsound"] } });
    const [labelled] = await loadSearchDocumentRows(db, { names: ["anyhow"], limit: 1 });
    expect(labelled!.hash).toBe(relabelled!.hash);

    // A demotion that becomes a hide moves the view from one array to the other.
    await db.crateVerdict.update({ where: { viewId_nameLower: { viewId: b, nameLower: "anyhow" } }, data: { action: "hide" } });
    const [moved] = await loadSearchDocumentRows(db, { names: ["anyhow"], limit: 1 });
    expect(moved!.document).toMatchObject({ hidden_in_views: [a, b], demoted_in_views: [] });

    await db.crateVerdict.deleteMany({ where: { nameLower: "anyhow" } });
    const [cleared] = await loadSearchDocumentRows(db, { names: ["anyhow"], limit: 1 });
    expect(cleared!.hash).toBe(before!.hash);
  });
});
