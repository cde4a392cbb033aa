import { afterEach, describe, expect, it } from "vitest";
import type { CrateCuration } from "../../curation/crate-curation";
import type { VerdictSource } from "../../curation/filter-list-types";
import { DEMOTED_FACTOR } from "../rank-score";
import { FACET_LIMIT, type SearchRequest } from "../search-backend";
import { createMeilisearchBackend, type CrateCurations } from "./meilisearch-search-backend";
import { RECORDED_NOW } from "./meilisearch-test-helpers";
import { readRecording, replayOrRecord, startReplayServer, type ReplayServer } from "./replay-server";
import type { SearchDocument } from "./search-document";
import { searchRequest } from "../../../test/search-request";

// The search side against recorded exchanges (recordings/search-*.json): what
// the backend sends for a SearchRequest, and what it makes of the answer.

const request = searchRequest;

describe("Meilisearch search backend", () => {
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
    server?.verify();
    server = undefined;
  });
  const backendFor = async (recording: string, categoryNames?: (slugs: string[]) => Promise<Map<string, string>>) => {
    server = await replayOrRecord(recording);
    return createMeilisearchBackend({ url: server.url, timeoutMs: 5_000, categoryNames, now: () => RECORDED_NOW });
  };

  it("maps hits, the exact total, the rank and facets with category names", async () => {
    const asked: string[][] = [];
    const backend = await backendFor("search-serde", async (slugs) => {
      asked.push(slugs);
      return new Map([["config", "Configuration"]]);
    });
    const result = await backend.search(request("serde", { perPage: 3, facets: true }));

    expect(result).toMatchObject({ total: 4, page: 1, perPage: 3, didYouMean: null, backend: "meilisearch", degraded: false, hidden: null });
    // Without a view: no curation, nothing hidden, no demotion.
    for (const hit of result.results) expect([hit.curation, hit.rank.demotion]).toEqual([null, null]);
    expect(result.results.map((r) => r.name)).toEqual(["serde", "serde_json", "serde_derive"]);
    const [serde, json] = result.results;
    expect(serde).toMatchObject({
      description: "A generic serialization/deserialization framework",
      maxVersion: "1.0.218",
      defaultVersion: "1.0.218",
      downloads: 747014322,
      recentDownloads: 6491860,
      reverseDependencies: 36,
      license: "MIT OR Apache-2.0",
      exactMatch: true,
      updatedAt: new Date("2025-12-01T05:50:23Z"),
    });
    expect(serde!.rank).toMatchObject({ text: 1, exactMatch: true, allYanked: false });
    expect(json!.exactMatch).toBe(false);
    expect(json!.rank.text).toBeCloseTo(0.9848, 4);
    // The rank's quality is rank-score.ts's, from the hit's facts, not the index's rounded copy.
    const weighted = Object.values(serde!.rank.parts).reduce((sum, part) => sum + part.value * part.weight, 0);
    expect(serde!.rank.quality).toBeCloseTo(weighted, 10);
    expect(serde!.rank.parts.downloads.value).toBe(1);

    expect(result.facets!.category).toEqual([
      { value: "encoding", label: "Encoding", count: 3 },
      { value: "no-std", label: "No standard library", count: 3 },
      { value: "parser-implementations", label: "Parser implementations", count: 2 },
      { value: "config", label: "Configuration", count: 1 },
      { value: "parsing", label: "parsing", count: 1 },
    ]);
    // Only the slugs the page's hits do not name are looked up.
    expect(asked).toEqual([["config", "parsing"]]);
    expect(result.facets!.keyword[0]).toEqual({ value: "serde", label: "serde", count: 4 });
    expect(result.facets!.license).toEqual([{ value: "MIT OR Apache-2.0", label: "MIT OR Apache-2.0", count: 4 }]);
  });

  it("lists everything for an empty query, with no text score, and keeps the top facet values by count", async () => {
    const backend = await backendFor("search-all-facets");
    const result = await backend.search(request("", { perPage: 1, facets: true }));
    expect(result.total).toBe(222);
    expect(result.results[0]!.rank.text).toBeNull();
    expect(result.results[0]!.exactMatch).toBe(false);
    const { category, keyword, license } = result.facets!;
    expect(category).toHaveLength(FACET_LIMIT);
    expect(category[12 - 1]!.value).toBe("web-programming");
    expect(keyword.map((f) => f.value)).toEqual(["no_std", "async", "http", "crypto", "parser", "unicode", "ansi", "cli", "color", "futures", "hash", "io"]);
    expect(license.map((f) => f.count)).toEqual([83, 28, 28, 9, 4, 4, 3]);
    expect(license[1]!.value).toBe("MIT");
  });

  it("sends each sort as the index's sort rule", async () => {
    const backend = await backendFor("search-sorts");
    const first = async (sort: SearchRequest["sort"]) => (await backend.search(request("", { sort, perPage: 2 }))).results.map((r) => r.name);
    expect(await first("downloads")).toEqual(["serde", "libc"]);
    expect(await first("recent-downloads")).toEqual(["cfg-if", "serde_json"]);
    expect(await first("updated")).toEqual(["version_check", "uuid"]);
    expect(await first("newest")).toEqual(["uuid", "l18446744073709551615"]);
  });

  it("sends filters from hostile input escaped, and maps an empty page", async () => {
    const backend = await backendFor("search-hostile-filters");
    const result = await backend.search(
      request("tokio", {
        page: 2,
        perPage: 5,
        filters: { category: 'a" OR category_slugs EXISTS OR x = "b', keyword: '\\" TO \\', license: "MIT\nOR\u0000Apache-2.0" },
      }),
    );
    expect(result).toMatchObject({ total: 0, results: [], facets: null, page: 2, perPage: 5 });
  });

  it("sends rating minimums and rating sorts, and maps each hit's ratings and rating factor", async () => {
    const backend = await backendFor("search-ratings");
    const filtered = await backend.search(request("", { perPage: 5, filters: { minRatings: { documentation: 4, overall: 4 } } }));
    expect(filtered.total).toBe(2);
    expect(filtered.results.map((r) => r.name)).toEqual(["serde", "tokio"]);
    const [serde, tokio] = filtered.results;
    expect(serde!.ratings).toEqual({
      overall: { score: 4.6, count: 12 },
      documentation: { score: 4.8, count: 10 },
      security: { score: 3.2, count: 4 },
    });
    expect(tokio!.ratings).toEqual({ overall: { score: 4.4, count: 20 }, documentation: { score: 4.1, count: 15 } });
    expect(serde!.rank.rating).toEqual({ score: 4.6, count: 12, factor: expect.closeTo(1.08, 9) });
    // The rank's quality is the signals' alone; the factor stands beside it.
    const weighted = Object.values(serde!.rank.parts).reduce((sum, part) => sum + part.value * part.weight, 0);
    expect(serde!.rank.quality).toBeCloseTo(weighted, 10);

    const byRating = await backend.search(request("", { perPage: 3, sort: "rating" }));
    expect(byRating.results.map((r) => r.name)).toEqual(["anyhow", "serde", "tokio"]);
    // Two reviews: shown, but not enough to move the rank.
    expect(byRating.results[0]!.rank.rating).toEqual({ score: 4.9, count: 2, factor: 1 });

    const byDocs = await backend.search(request("serde", { perPage: 3, sort: "rating-documentation" }));
    expect(byDocs.results.map((r) => [r.name, r.ratings.documentation?.score ?? null])).toEqual([
      ["serde", 4.8],
      ["serde_json", 3.9],
      ["serde_derive", null],
    ]);
    expect(byDocs.results[2]).toMatchObject({ ratings: {}, rank: { rating: null } });
    expect(byDocs.results[0]!.rank.text).toBe(1);
  });

  it("gets every document field in a hit (guards re-recorded answers)", () => {
    const hit = readRecording("search-serde").exchanges[0]!.response.body as { hits: SearchDocument[] };
    expect(Object.keys(hit.hits[0]!).sort()).toEqual(
      [
        "_rankingScore", "all_yanked", "categories", "category_slugs", "created_at", "default_version", "description", "downloads",
        "id", "keywords", "license", "max_version", "name", "name_canonical", "quality", "recent_downloads", "reverse_dependencies", "updated_at",
        "hidden_in_views", "demoted_in_views",
      ].sort(),
    );
  });

  describe("in a curated view", () => {
    // recordings/search-view.json: view 1 hides serde_spanned and demotes serde_derive.
    const source = (rule: string, line: number): VerdictSource => ({ listSlug: "team-picks", line, rule, reason: `because of line ${line}` });
    const verdicts = new Map<string, CrateCuration>([
      ["serde_derive", { action: "demote", decidedBy: source("demote serde_derive", 3), labels: ["experimental"], replaceWith: null }],
      ["serde_spanned", { action: "hide", decidedBy: source("hide serde_spanned", 4), labels: [], replaceWith: "toml" }],
      ["serde", { action: null, decidedBy: null, labels: ["deprecated"], replaceWith: null }],
    ]);
    const looked: [number, string[]][] = [];
    const loadCurations: CrateCurations = async (viewId, names) => {
      looked.push([viewId, names]);
      return new Map(names.flatMap((name) => (verdicts.has(name) ? [[name, verdicts.get(name)!] as const] : [])));
    };
    const viewBackend = async (options: { loadCurations?: CrateCurations } = {}) => {
      server = await replayOrRecord("search-view");
      return createMeilisearchBackend({ url: server.url, timeoutMs: 5_000, now: () => RECORDED_NOW, ...options });
    };

    it("leaves out and counts what the view hides, marks the demoted, and carries each hit's verdict", async () => {
      looked.length = 0;
      const backend = await viewBackend({ loadCurations });

      // The filter sent (the recording holds it): NOT hidden_in_views = 1, and a count of hidden_in_views = 1.
      const result = await backend.search(request("serde", { perPage: 3, view: { viewId: 1, showHidden: false } }));
      expect(result).toMatchObject({ total: 3, hidden: 1, backend: "meilisearch" });
      expect(result.results.map((r) => r.name)).toEqual(["serde", "serde_json", "serde_derive"]);
      const [serde, json, derive] = result.results;
      expect(serde!.curation).toEqual({ action: null, decidedBy: null, labels: ["deprecated"], replaceWith: null });
      expect(serde!.rank.demotion).toBeNull();
      expect(json!.curation).toBeNull();
      expect(json!.rank.demotion).toBeNull();
      // Meilisearch's order stands; the rank says the view demotes it, and which rule.
      expect(derive!.curation).toEqual(verdicts.get("serde_derive"));
      expect(derive!.rank.demotion).toEqual({ factor: DEMOTED_FACTOR, by: source("demote serde_derive", 3) });
      expect(looked).toEqual([[1, ["serde", "serde_json", "serde_derive"]]]);

      // Hidden crates shown (marked), and still counted; the view's filter joins the request's.
      const shown = await backend.search(request("serde", { perPage: 5, filters: { keyword: "serde" }, view: { viewId: 1, showHidden: true } }));
      expect(shown).toMatchObject({ total: 4, hidden: 1 });
      const spanned = shown.results.find((r) => r.name === "serde_spanned")!;
      expect(spanned.curation).toEqual({ action: "hide", decidedBy: source("hide serde_spanned", 4), labels: [], replaceWith: "toml" });
      expect(spanned.rank.demotion).toBeNull();

      // Nothing found: nothing hidden, and no verdicts looked up.
      const none = await backend.search(request("zzqxv", { view: { viewId: 1, showHidden: false } }));
      expect(none).toMatchObject({ total: 0, hidden: 0, results: [] });
      expect(looked).toHaveLength(2);
    });

    it("without loadCurations still leaves out and counts hidden crates, with no verdicts on the hits", async () => {
      const recording = readRecording("search-view");
      server = await startReplayServer({ ...recording, exchanges: recording.exchanges.slice(0, 1) });
      const backend = createMeilisearchBackend({ url: server.url, timeoutMs: 5_000, now: () => RECORDED_NOW });
      const result = await backend.search(request("serde", { perPage: 3, view: { viewId: 1, showHidden: false } }));
      expect(result).toMatchObject({ total: 3, hidden: 1 });
      for (const hit of result.results) expect([hit.curation, hit.rank.demotion]).toEqual([null, null]);
    });

    it.each([0, -1, 1.5, Number.NaN, 2 ** 31, "1 OR x" as unknown as number])("refuses view id %s before sending anything", async (viewId) => {
      server = await startReplayServer({ description: "no request expected", source: "test", exchanges: [] });
      const backend = createMeilisearchBackend({ url: server.url, timeoutMs: 5_000, loadCurations });
      await expect(backend.search(request("serde", { view: { viewId, showHidden: false } }))).rejects.toThrow(RangeError);
      await expect(backend.search(request("serde", { view: { viewId, showHidden: true } }))).rejects.toThrow(RangeError);
      expect(server.received).toEqual([]);
    });

    it("gets the verdict fields in a hit, and the hidden one's view (guards re-recorded answers)", () => {
      const [, shown] = readRecording("search-view").exchanges;
      const [page] = (shown!.response.body as { results: { hits: SearchDocument[] }[] }).results;
      const byName = new Map(page!.hits.map((hit) => [hit.name, hit]));
      expect(byName.get("serde_spanned")).toMatchObject({ hidden_in_views: [1], demoted_in_views: [] });
      expect(byName.get("serde_derive")).toMatchObject({ hidden_in_views: [], demoted_in_views: [1] });
    });
  });

  it("fails when the server does", async () => {
    server = await replayOrRecord("search-serde");
    const backend = createMeilisearchBackend({ url: server.url, timeoutMs: 5_000 });
    await expect(backend.search(request("something else"))).rejects.toThrow(/replay: body differs/);
    expect(() => server!.verify()).toThrow(/body differs/);
    await server.close();
    server = undefined;
  });
});
