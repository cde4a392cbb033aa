import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../generated/prisma/client";
import type { RatingCriterion, SearchBackend, SearchHit, SearchRequest, SearchSort } from "./search-backend";
import { searchRequest } from "../../test/search-request";

// The behaviour every SearchBackend must have, on the ~222 real fixture
// crates. Run by postgres-search-backend.db.test.ts always, and by
// meilisearch/meilisearch-live.db.test.ts when MEILI_URL is set. Both must
// answer from the same data: `prisma` is the seeded database the backend
// serves (or was rebuilt from).

export interface ContractContext {
  backend: SearchBackend;
  prisma: PrismaClient;
  /** Called after the contract changed crate_ratings rows of these crates (Meilisearch pushes them). */
  ratingsChanged?: (crateNames: string[]) => Promise<void>;
}

/**
 * Ratings the contract inserts (crate_ratings, as lib/reviews would fill it):
 * [crate, criterion, score, count]. clap has a documentation rating but no
 * overall one; hyper's documentation is exactly 4; anyhow's overall rating
 * comes from too few reviews to move its rank.
 */
export const CONTRACT_RATINGS: [crate: string, criterion: RatingCriterion, score: number, count: number][] = [
  ["anyhow", "overall", 4.9, 2],
  ["serde", "overall", 4.6, 12],
  ["serde", "documentation", 4.8, 10],
  ["serde", "security", 3.2, 4],
  ["tokio", "overall", 4.4, 20],
  ["tokio", "documentation", 4.1, 15],
  ["serde_json", "overall", 4.2, 8],
  ["serde_json", "documentation", 3.9, 8],
  ["rand", "overall", 2.1, 5],
  ["clap", "documentation", 4.5, 6],
  ["hyper", "documentation", 4, 3],
];

export function describeSearchBackendContract(label: string, context: () => ContractContext): void {
  const search = (q: string, extra: Partial<SearchRequest> = {}) => context().backend.search(searchRequest(q, extra));
  const names = async (q: string, extra: Partial<SearchRequest> = {}) => (await search(q, extra)).results.map((r) => r.name);

  describe(`SearchBackend contract: ${label}`, () => {
    it("pins the exact name first, whatever the case or - and _", async () => {
      const result = await search("serde");
      expect(result.results[0]).toMatchObject({ name: "serde", exactMatch: true });
      expect(result.results.slice(1).every((r) => !r.exactMatch)).toBe(true);
      expect((await names("Serde-JSON"))[0]).toBe("serde_json");
    });

    it("never pins a name for a phrase: two words are not a crate name", async () => {
      const result = await search("serde json");
      expect(result.results.map((r) => r.name)).toContain("serde_json");
      expect(result.results.every((r) => !r.exactMatch)).toBe(true);
    });

    it("matches prefixes and tolerates typos in names", async () => {
      expect((await names("toki")).slice(0, 3)).toContain("tokio");
      expect((await names("tokoi")).slice(0, 3)).toContain("tokio");
      expect((await names("reqwset")).slice(0, 3)).toContain("reqwest");
    });

    it("finds crates by what they do", async () => {
      // An HTTP client library: reqwest, or hyper (client and server), as bench/relevance-queries.json
      // accepts. The fixture dump's popularity comes from dependents within its 222 crates, where hyper
      // has 4 and reqwest none, so since quality is squared in relevance hyper comes first here.
      expect((await names("http client")).slice(0, 3).filter((name) => name === "reqwest" || name === "hyper")).not.toEqual([]);
      expect((await names("serialization")).slice(0, 3)).toContain("serde");
      expect((await names("regular expressions")).slice(0, 3)).toContain("regex");
    });

    it("ranks a popular crate above obscure ones sharing a word", async () => {
      const ranked = await names("rand");
      expect(ranked[0]).toBe("rand");
      expect(ranked.slice(1, 3)).toContain("rand_core");
    });

    it("explains each rank with the quality score's parts", async () => {
      const [hit] = (await search("tokio")).results;
      expect(hit!.rank.exactMatch).toBe(true);
      expect(hit!.rank.quality).toBeGreaterThan(0);
      expect(hit!.rank.quality).toBeLessThanOrEqual(1);
      const weighted = Object.values(hit!.rank.parts).reduce((sum, part) => sum + part.value * part.weight, 0);
      expect(hit!.rank.quality).toBeCloseTo(weighted * (hit!.rank.allYanked ? 0.2 : 1), 6);
    });

    it("pages with a stable total and an empty page past the end", async () => {
      const first = await search("serde", { perPage: 2 });
      const second = await search("serde", { perPage: 2, page: 2 });
      expect(first.total).toBeGreaterThan(3);
      expect(second.total).toBe(first.total);
      expect(second.results.map((r) => r.name)).not.toEqual(expect.arrayContaining(first.results.map((r) => r.name)));
      const beyond = await search("serde", { perPage: 2, page: 500 });
      expect(beyond.results).toEqual([]);
      expect(beyond.total).toBe(first.total);
    });

    it("lists every crate in the registry for an empty query", async () => {
      const served = await context().prisma.crate.count({ where: { removedAt: null } });
      const result = await search("  ", { perPage: 5 });
      expect(result.total).toBe(served);
      expect(result.results).toHaveLength(5);
    });

    it.each<[SearchSort, (r: { downloads: number; recentDownloads: number; updatedAt: Date | null }) => number]>([
      ["downloads", (r) => r.downloads],
      ["recent-downloads", (r) => r.recentDownloads],
      ["updated", (r) => r.updatedAt?.getTime() ?? 0],
    ])("sorts by %s, highest first", async (sort, key) => {
      const result = await search("serde", { sort, perPage: 20 });
      expect(result.results.length).toBeGreaterThan(3);
      const values = result.results.map(key);
      expect(values).toEqual([...values].sort((a, b) => b - a));
    });

    it("sorts by newest first", async () => {
      const result = await search("", { sort: "newest", perPage: 10 });
      const created = await context().prisma.crate.findMany({
        where: { name: { in: result.results.map((r) => r.name) } },
        select: { name: true, createdAt: true },
      });
      const byName = new Map(created.map((c) => [c.name, c.createdAt?.getTime() ?? 0]));
      const values = result.results.map((r) => byName.get(r.name) ?? 0);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      const newest = await context().prisma.crate.aggregate({ where: { removedAt: null }, _max: { createdAt: true } });
      expect(values[0]).toBe(newest._max.createdAt?.getTime());
    });

    it("filters by category and counts facets over every match", async () => {
      const all = await search("", { facets: true, perPage: 1 });
      const top = all.facets!.category[0]!;
      expect(top.count).toBeGreaterThan(1);
      const filtered = await search("", { filters: { category: top.value }, facets: true, perPage: 100 });
      expect(filtered.total).toBe(top.count);
      const inCategory = await context().prisma.crate.findMany({
        where: { removedAt: null, categories: { some: { category: { slug: top.value } } } },
        select: { name: true },
      });
      expect(new Set(filtered.results.map((r) => r.name))).toEqual(new Set(inCategory.map((c) => c.name)));
      expect(filtered.facets!.category.find((f) => f.value === top.value)?.count).toBe(top.count);
    });

    it("filters by keyword and by license", async () => {
      const byKeyword = await search("", { filters: { keyword: "serde" }, perPage: 100 });
      const tagged = await context().prisma.crate.count({
        where: { removedAt: null, keywords: { some: { keyword: { keyword: "serde" } } } },
      });
      expect(byKeyword.total).toBe(tagged);
      expect(byKeyword.total).toBeGreaterThan(0);

      const licenses = (await search("", { facets: true, perPage: 1 })).facets!.license;
      const license = licenses[1] ?? licenses[0]!;
      const byLicense = await search("", { filters: { license: license.value }, perPage: 100 });
      expect(byLicense.total).toBe(license.count);
      expect(byLicense.results.every((r) => r.license === license.value)).toBe(true);
    });

    it("combines a query with filters", async () => {
      const result = await search("serde", { filters: { keyword: "serde" }, perPage: 50 });
      const unfiltered = await search("serde", { perPage: 50 });
      expect(result.total).toBeGreaterThan(0);
      expect(result.total).toBeLessThan(unfiltered.total);
    });

    it("answers a filter that matches nothing with an empty list", async () => {
      const result = await search("tokio", { filters: { license: "no such license" } });
      expect(result.total).toBe(0);
      expect(result.results).toEqual([]);
    });

    it.each([
      ["tsquery operators", "serde & | ! :* ( ) <-> tokio"],
      ["quotes and a backslash", "'\"\\"],
      ["10,000 characters", "a".repeat(10_000)],
      ["a NUL byte", "nul\u0000byte"],
      ["right-to-left marks", "\u202eright-to-left\u200f"],
      ["emoji", "🦀 crab"],
      ["a bare prefix operator", ":*"],
      ["punctuation only", "!!!"],
      ["a stop word", "the"],
      ["filter syntax", 'category = "x" OR 1'],
    ])("answers any input without failing: %s", async (_label, q) => {
      const result = await search(q);
      expect(result.total).toBeGreaterThanOrEqual(result.results.length);
    });

    it("shows no ratings while nobody rated anything", async () => {
      const result = await search("serde", { perPage: 20 });
      expect(result.results.every((r) => Object.keys(r.ratings).length === 0 && r.rank.rating === null)).toBe(true);
    });

    describe("with ratings", () => {
      const rated = [...new Set(CONTRACT_RATINGS.map(([crate]) => crate))];
      beforeAll(async () => {
        const { prisma } = context();
        await prisma.crateRating.createMany({
          data: CONTRACT_RATINGS.map(([crateName, criterion, score, count]) => ({ crateName, criterion, score, count, mean: score, histogram: [0, 0, 0, 0, count] })),
        });
        await context().ratingsChanged?.(rated);
      }, 60_000);
      afterAll(async () => {
        await context().prisma.crateRating.deleteMany({ where: { crateName: { in: rated } } });
        await context().ratingsChanged?.(rated);
      }, 60_000);
      const all = { perPage: 100 };
      const sortedNames = async (q: string, extra: Partial<SearchRequest>) => (await names(q, { ...all, ...extra })).sort();

      it("filters by a minimum rating, leaving out crates not rated on it (the boundary included)", async () => {
        expect(await sortedNames("", { filters: { minRatings: { documentation: 4 } } })).toEqual(["clap", "hyper", "serde", "tokio"]);
        const result = await search("", { filters: { minRatings: { documentation: 4 } } });
        expect(result.total).toBe(4);
        expect(await sortedNames("", { filters: { minRatings: { overall: 2 } } })).toEqual(["anyhow", "rand", "serde", "serde_json", "tokio"]);
        expect((await search("", { filters: { minRatings: { overall: 5 } } })).total).toBe(0);
        expect((await search("", { filters: { minRatings: { performance: 1 } } })).total).toBe(0);
      });

      it("combines rating filters with each other, with a query and with other filters", async () => {
        expect(await sortedNames("", { filters: { minRatings: { overall: 4, documentation: 4 } } })).toEqual(["serde", "tokio"]);
        expect(await sortedNames("serde", { filters: { minRatings: { overall: 4 } } })).toEqual(["serde", "serde_json"]);
        const withKeyword = await sortedNames("", { filters: { keyword: "serde", minRatings: { overall: 3 } } });
        expect(withKeyword.length).toBeGreaterThan(0);
        expect(withKeyword.every((name) => ["serde", "serde_json"].includes(name))).toBe(true);
      });

      it("sorts by the overall rating, best first, unrated crates after every rated one", async () => {
        const result = await search("", { sort: "rating", perPage: 10 });
        expect(result.total).toBe(await context().prisma.crate.count({ where: { removedAt: null } }));
        expect(result.results.slice(0, 5).map((r) => r.name)).toEqual(["anyhow", "serde", "tokio", "serde_json", "rand"]);
        expect(result.results.slice(5).every((r) => r.ratings.overall === undefined)).toBe(true);
        const second = await search("", { sort: "rating", perPage: 3, page: 2 });
        expect(second.results.map((r) => r.name)).toEqual(["serde_json", "rand", result.results[5]!.name]);
      });

      it("sorts by one criterion's rating, also within a query's matches", async () => {
        const byDocs = await names("", { sort: "rating-documentation", perPage: 6 });
        expect(byDocs.slice(0, 5)).toEqual(["serde", "clap", "tokio", "hyper", "serde_json"]);
        const serdeByDocs = await search("serde", { sort: "rating-documentation", perPage: 20 });
        expect(serdeByDocs.results.slice(0, 2).map((r) => r.name)).toEqual(["serde", "serde_json"]);
        expect(serdeByDocs.results.slice(2).every((r) => r.ratings.documentation === undefined)).toBe(true);
        expect(serdeByDocs.total).toBe((await search("serde")).total);
        const bySecurity = await names("", { sort: "rating-security", perPage: 2 });
        expect(bySecurity[0]).toBe("serde");
      });

      it("gives each hit its ratings, and the rank the rating factor from three reviews on", async () => {
        const hits = (await search("", { filters: { minRatings: { overall: 2 } }, ...all })).results;
        const hit = (name: string): SearchHit => hits.find((r) => r.name === name)!;
        expect(hit("serde").ratings).toEqual({
          overall: { score: 4.6, count: 12 },
          documentation: { score: 4.8, count: 10 },
          security: { score: 3.2, count: 4 },
        });
        expect(hit("serde").rank.rating).toEqual({ score: 4.6, count: 12, factor: expect.closeTo(0.9 + 0.05 * 3.6, 9) });
        expect(hit("rand").rank.rating!.factor).toBeCloseTo(0.9 + 0.05 * 1.1, 9);
        // Two reviews are not enough to move the rank.
        expect(hit("anyhow").rank.rating).toEqual({ score: 4.9, count: 2, factor: 1 });
        const unrated = (await search("regex")).results.find((r) => r.name === "regex")!;
        expect(unrated.ratings).toEqual({});
        expect(unrated.rank.rating).toBeNull();
      });
    });

    describe("with a curated view", () => {
      // A view whose verdicts (crate_verdicts, as lib/curation materializes
      // them) hide serde_json and label serde deprecated with a replacement.
      const touched = ["serde_json", "serde"];
      const source = (line: number, rule: string) => ({ listSlug: "contract-list", line, rule, reason: `reason ${line}` });
      let viewId = 0;
      beforeAll(async () => {
        const { prisma } = context();
        const view = await prisma.view.create({ data: { slug: "contract-view", title: "Contract" } });
        viewId = view.id;
        await prisma.crateVerdict.createMany({
          data: [
            {
              viewId,
              nameLower: "serde_json",
              action: "hide",
              labels: [],
              sources: { action: "hide", decidedBy: source(3, "hide serde_json"), labels: [], replaceWith: null },
            },
            {
              viewId,
              nameLower: "serde",
              action: null,
              labels: ["deprecated"],
              replaceWith: "miniserde",
              sources: {
                action: null,
                decidedBy: null,
                labels: [{ label: "deprecated", source: source(4, "label deprecated serde") }],
                replaceWith: { crate: "miniserde", source: source(5, "replace-with miniserde serde") },
              },
            },
          ],
        });
        await context().ratingsChanged?.(touched);
      }, 60_000);
      afterAll(async () => {
        await context().prisma.view.delete({ where: { id: viewId } });
        await context().ratingsChanged?.(touched);
      }, 60_000);
      const inView = (showHidden = false) => ({ view: { viewId, showHidden } });

      it("leaves out the crates the view hides and counts them; without a view nothing is hidden", async () => {
        const plain = await search("serde", { perPage: 50 });
        expect(plain.hidden).toBeNull();
        expect(plain.results.map((r) => r.name)).toContain("serde_json");
        const viewed = await search("serde", { perPage: 50, ...inView() });
        expect(viewed.results.map((r) => r.name)).not.toContain("serde_json");
        expect(viewed.hidden).toBe(1);
        expect(viewed.total).toBe(plain.total - 1);
        // A query none of whose matches the view hides counts none.
        expect((await search("regex", inView())).hidden).toBe(0);
      });

      it("keeps hidden crates off the last page and past it, with the same counts", async () => {
        const all = await search("serde", { perPage: 50, ...inView() });
        const visible = all.results.map((r) => r.name);
        // One crate a page: the last page holds the last visible crate, the next one nothing.
        const last = await search("serde", { perPage: 1, page: all.total, ...inView() });
        expect(last.results.map((r) => r.name)).toEqual([visible.at(-1)]);
        expect([last.total, last.hidden]).toEqual([all.total, 1]);
        const past = await search("serde", { perPage: 1, page: all.total + 1, ...inView() });
        expect(past.results).toEqual([]);
        expect([past.total, past.hidden]).toEqual([all.total, 1]);
      });

      it("lists hidden crates marked, with the rule that hid them, when asked", async () => {
        const shown = await search("serde", { perPage: 50, ...inView(true) });
        const hidden = shown.results.find((r) => r.name === "serde_json");
        expect(hidden?.curation).toEqual({ action: "hide", decidedBy: source(3, "hide serde_json"), labels: [], replaceWith: null });
        expect(shown.hidden).toBe(1);
      });

      it("gives each hit the view's labels and recommended replacement", async () => {
        const serde = (await search("serde", inView())).results.find((r) => r.name === "serde");
        expect(serde?.curation).toEqual({ action: null, decidedBy: null, labels: ["deprecated"], replaceWith: "miniserde" });
        const regex = (await search("regex", inView())).results.find((r) => r.name === "regex");
        expect(regex?.curation).toBeNull();
      });
    });
  });
}
