import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { createPostgresSearchBackend } from "./postgres-search-backend";
import { DEMOTED_FACTOR, orderScore, relevanceScore, type RankBreakdown } from "./rank-score";
import { describeSearchBackendContract } from "./search-backend-contract";
import { searchRequest } from "../../test/search-request";

describe("PostgreSQL search backend", () => {
  const database = useTestPrisma({ seeded: true });
  const backend = () => createPostgresSearchBackend(database.prisma);

  describeSearchBackendContract("postgres", () => ({ backend: backend(), prisma: database.prisma }));

  it("forgives swapped letters in a one-word query, from four letters on", async () => {
    const first = async (q: string) =>
      (await backend().search(searchRequest(q, { perPage: 3 }))).results[0]?.name;
    expect(await first("clpa")).toBe("clap");
    expect(await first("chorno")).toBe("chrono");
    expect(await first("gol")).not.toBe("log");
  });

  it("matches names merely similar to the query only when the query looks like a typo", async () => {
    const db = database.prisma;
    // A name one letter away from memchr that shares no word with it.
    const [added] = await db.$queryRaw<{ id: number }[]>`INSERT INTO crates (name, name_lower) VALUES ('mmemchr', 'mmemchr') RETURNING id`;
    try {
      const names = async (q: string) => (await backend().search(searchRequest(q, { perPage: 50 }))).results.map((r) => r.name);
      // A crate's exact name is what the visitor meant.
      expect(await names("memchr")).not.toContain("mmemchr");
      // A word that names no crate and matches no text: similar names match, the closest and most used first.
      const typo = await names("memchrr");
      expect(typo[0]).toBe("memchr");
      expect(typo).toContain("mmemchr");
    } finally {
      await db.$executeRaw`DELETE FROM crates WHERE id = ${added!.id}`;
    }
  });

  it("offers a corrected query when a misspelt one finds nothing", async () => {
    const result = await backend().search(searchRequest("regulr expresions"));
    expect(result.total).toBe(0);
    expect(result.didYouMean).toBe("regex");
    const corrected = await backend().search(searchRequest(result.didYouMean!));
    expect(corrected.results[0]?.name).toBe("regex");
  });

  it("offers nothing when no word is close to anything", async () => {
    const result = await backend().search(searchRequest("qqqqzzzz"));
    expect(result).toMatchObject({ total: 0, didYouMean: null });
  });

  it("lets ratings from three reviews on reorder crates that match about equally well, in the order the breakdown explains", async () => {
    const db = database.prisma;
    const ranked = async () => (await backend().search(searchRequest("http", { perPage: 30 }))).results;
    const before = await ranked();
    const withFactor = (rank: RankBreakdown, factor: number) => relevanceScore({ ...rank, rating: { score: 0, count: 0, factor } })!;
    // Two neighbours a 1-star rating on the upper and a 5-star one on the lower would swap.
    const i = before.findIndex(
      (upper, k) => k + 1 < before.length && !upper.exactMatch && withFactor(before[k + 1]!.rank, 1.1) > withFactor(upper.rank, 0.9),
    );
    expect(i).toBeGreaterThanOrEqual(0);
    const [upper, lower] = [before[i]!.name.toLowerCase(), before[i + 1]!.name.toLowerCase()];
    const rate = (crateName: string, score: number, count: number) =>
      db.crateRating.upsert({
        where: { crateName_criterion: { crateName, criterion: "overall" } },
        create: { crateName, criterion: "overall", score, mean: score, count, histogram: [0, 0, 0, 0, count] },
        update: { score, mean: score, count },
      });
    const position = (hits: { name: string }[], name: string) => hits.findIndex((h) => h.name.toLowerCase() === name);
    try {
      // Two reviews each: not enough to count, nothing moves.
      await rate(upper, 1, 2);
      await rate(lower, 5, 2);
      expect((await ranked()).map((h) => h.name)).toEqual(before.map((h) => h.name));

      await rate(upper, 1, 3);
      await rate(lower, 5, 3);
      const after = await ranked();
      expect(position(after, lower)).toBeLessThan(position(after, upper));
      // The order is the one each hit's breakdown computes (exact names aside).
      const scores = after.filter((h) => !h.exactMatch).map((h) => orderScore(h.rank)!);
      for (let k = 1; k < scores.length; k++) expect(scores[k]!).toBeLessThanOrEqual(scores[k - 1]! + 1e-6);
      expect(after[position(after, lower)]!.rank.rating).toMatchObject({ score: 5, count: 3, factor: expect.closeTo(1.1, 9) });
    } finally {
      await db.crateRating.deleteMany({ where: { crateName: { in: [upper, lower] } } });
    }
  });

  it("ranks a family's crate at least as high as its best matching part, just before it, as the breakdown says", async () => {
    // clap_builder and clap_lex (same repository, names extending clap's) match better than clap on their own.
    const hits = (await backend().search(searchRequest("command line argument parser", { perPage: 20 }))).results;
    const at = (name: string) => hits.findIndex((h) => h.name === name);
    const clap = hits[at("clap")]!;
    const parts = ["clap_builder", "clap_lex"].map((name) => hits[at(name)]!);
    const best = Math.max(...parts.map((h) => relevanceScore(h.rank)!));
    expect(relevanceScore(clap.rank)!).toBeLessThan(best);
    expect(clap.rank.rankedWith).toEqual({ crate: expect.stringMatching(/^clap_(builder|lex)$/), relevance: expect.closeTo(best, 9) });
    expect(relevanceScore(hits[at(clap.rank.rankedWith!.crate)]!.rank)).toBeCloseTo(best, 9);
    for (const part of parts) {
      expect(at(part.name)).toBeGreaterThan(at("clap"));
      expect(part.rank.rankedWith).toBeNull();
    }
    const scores = hits.filter((h) => !h.exactMatch).map((h) => orderScore(h.rank)!);
    for (let k = 1; k < scores.length; k++) expect(scores[k]!).toBeLessThanOrEqual(scores[k - 1]! + 1e-6);
    // Other orders are the columns' own.
    const byDownloads = (await backend().search(searchRequest("command line argument parser", { perPage: 20, sort: "downloads" }))).results;
    expect(byDownloads.every((h) => h.rank.rankedWith === null)).toBe(true);
  });

  it("ranks a crate its view demotes lower, in the order the breakdown explains, and only in that view", async () => {
    const db = database.prisma;
    const view = await db.view.create({ data: { slug: "demote-test", title: "Demote test" } });
    try {
      const query = (extra = {}) => backend().search(searchRequest("http", { perPage: 100, ...extra }));
      const before = (await query()).results;
      const target = before.find((h) => !h.exactMatch)!;
      const by = { listSlug: "some-list", line: 7, rule: `demote ${target.name}`, reason: "test" };
      await db.crateVerdict.create({
        data: { viewId: view.id, nameLower: target.name.toLowerCase(), action: "demote", labels: [], sources: { action: "demote", decidedBy: by, labels: [], replaceWith: null } },
      });
      const after = (await query({ view: { viewId: view.id, showHidden: false } })).results;
      const demoted = after.find((h) => h.name === target.name)!;
      expect(demoted.rank.demotion).toEqual({ factor: DEMOTED_FACTOR, by });
      expect(demoted.curation).toMatchObject({ action: "demote", decidedBy: by });
      expect(after.indexOf(demoted)).toBeGreaterThan(before.indexOf(target));
      const scores = after.filter((h) => !h.exactMatch).map((h) => orderScore(h.rank)!);
      for (let k = 1; k < scores.length; k++) expect(scores[k]!).toBeLessThanOrEqual(scores[k - 1]! + 1e-6);
      // Without the view the order is what it was.
      expect((await query()).results.map((h) => h.name)).toEqual(before.map((h) => h.name));
    } finally {
      await db.view.delete({ where: { id: view.id } });
    }
  });
});
