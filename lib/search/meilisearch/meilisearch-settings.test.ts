import { describe, expect, it } from "vitest";
import { FACET_LIMIT, RATING_CRITERIA, SEARCH_SORTS } from "../search-backend";
import { hiddenInViewFilter, meilisearchFilter, viewFilter } from "./meilisearch-filter";
import { FACET_ATTRIBUTES, MEILISEARCH_SORTS } from "./meilisearch-search-backend";
import { MEILISEARCH_SETTINGS } from "./meilisearch-settings";

// What the backend asks of the index must be allowed by the index's settings:
// Meilisearch rejects a sort or filter on an attribute not declared for it.
describe("MEILISEARCH_SETTINGS", () => {
  it("declares sortable every attribute a sort uses", () => {
    for (const sort of SEARCH_SORTS) {
      for (const rule of MEILISEARCH_SORTS[sort] ?? []) {
        expect(MEILISEARCH_SETTINGS.sortableAttributes).toContain(rule.split(":")[0]);
      }
    }
  });

  it("declares filterable every attribute a filter or facet uses", () => {
    const minRatings = Object.fromEntries(RATING_CRITERIA.map((criterion) => [criterion, 3]));
    const filtered = meilisearchFilter({ category: "c", keyword: "k", license: "l", minRatings }).map((e) => e.split(" ")[0]);
    expect(filtered).toHaveLength(3 + RATING_CRITERIA.length);
    // A curated view's: `NOT hidden_in_views = 3` and the count's `hidden_in_views = 3`; demotions stay filterable for checks.
    const byView = [...viewFilter({ viewId: 3, showHidden: false }), hiddenInViewFilter(3)].map((e) => e.replace(/^NOT /, "").split(" ")[0]);
    expect(byView).toEqual(["hidden_in_views", "hidden_in_views"]);
    expect(MEILISEARCH_SETTINGS.filterableAttributes).toContain("demoted_in_views");
    for (const attribute of [...filtered, ...byView, ...Object.values(FACET_ATTRIBUTES)]) {
      expect(MEILISEARCH_SETTINGS.filterableAttributes).toContain(attribute);
    }
  });

  it("ranks by text, then quality; an explicit sort before everything", () => {
    const rules = MEILISEARCH_SETTINGS.rankingRules;
    expect(rules[0]).toBe("sort");
    expect(rules.indexOf("quality:desc")).toBeGreaterThan(rules.indexOf("exactness"));
    expect(rules).toEqual(expect.arrayContaining(["words", "typo", "proximity", "attribute", "exactness"]));
  });

  it("weights the name first and returns facet values by count, enough for the page", () => {
    expect(MEILISEARCH_SETTINGS.searchableAttributes[0]).toBe("name");
    expect(MEILISEARCH_SETTINGS.faceting.sortFacetValuesBy["*"]).toBe("count");
    expect(MEILISEARCH_SETTINGS.faceting.maxValuesPerFacet).toBeGreaterThanOrEqual(FACET_LIMIT);
  });

  it("lists synonyms both ways", () => {
    const synonyms: Record<string, string[]> = MEILISEARCH_SETTINGS.synonyms;
    for (const [word, others] of Object.entries(synonyms)) {
      for (const other of others) expect(synonyms[other], `${other} → ${word}`).toContain(word);
    }
  });
});
