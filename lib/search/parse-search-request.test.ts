import { describe, expect, it } from "vitest";
import { parseSearchRequest } from "./parse-search-request";
import { RATING_CRITERIA, RATING_SORTS, SEARCH_SORTS } from "./search-backend";
import { criterionKeys } from "../reviews/review-views";

const parse = (query: string) => parseSearchRequest(new URLSearchParams(query));
const message = (query: string) => {
  const parsed = parse(query);
  if (parsed.ok) throw new Error(`expected ${query} to be refused`);
  return parsed.message;
};

describe("parseSearchRequest", () => {
  it("reads the defaults from an empty query string", () => {
    expect(parse("")).toEqual({
      ok: true,
      request: { q: "", page: 1, perPage: 20, sort: "relevance", filters: {}, facets: false },
      view: { slug: null, showHidden: false },
    });
  });

  it("reads a view and hidden=show, and refuses a malformed view or another hidden value", () => {
    expect(parse("q=serde&view=Strict-Spam&hidden=show")).toMatchObject({ ok: true, view: { slug: "strict-spam", showHidden: true } });
    expect(parse("view=")).toMatchObject({ ok: true, view: { slug: null, showHidden: false } });
    expect(parse("view=no%20spaces")).toEqual({ ok: false, message: expect.stringContaining("view must be the slug of a view") });
    expect(parse("hidden=yes")).toEqual({ ok: false, message: expect.stringContaining('hidden takes only "show"') });
  });

  it("reads rating minimums per criterion, blank ones as absent", () => {
    const parsed = parse("q=json&min_documentation=4&min_overall=3&min_security=&min_api_design=%205%20");
    expect(parsed).toMatchObject({ ok: true, request: { q: "json", filters: { minRatings: { documentation: 4, overall: 3, api_design: 5 } } } });
    expect(parse("min_performance=1")).toMatchObject({ ok: true, request: { filters: { minRatings: { performance: 1 } } } });
    expect(parse("min_overall=")).toEqual(parse(""));
  });

  it.each([
    ["min_documentation=0", "min_documentation must be at least 1"],
    ["min_documentation=6", "min_documentation must be at most 5"],
    ["min_overall=4.5", "min_overall must be a whole number from 1 to 5"],
    ["min_overall=-1", "min_overall must be a whole number from 1 to 5"],
    ["min_overall=four", "min_overall must be a whole number from 1 to 5"],
    ["min_security=1e1", "min_security must be a whole number from 1 to 5"],
  ])("refuses %s", (query, expected) => {
    expect(message(query)).toBe(expected);
  });

  it("refuses a rating minimum on a criterion that does not exist, naming the ones that do", () => {
    for (const query of ["min_docs=4", "min_Documentation=4", "min_=3", "min_apiDesign=2"]) {
      expect(message(query)).toMatch(/^unknown rating criterion "min_[^"]*": use one of min_overall, min_documentation, min_api_design, /);
    }
    // Even a blank one: a misspelt criterion would otherwise filter nothing without a word.
    expect(message("min_docs=")).toMatch(/^unknown rating criterion "min_docs"/);
  });

  it("names every problem at once", () => {
    expect(message("min_overall=9&min_documentation=x&page=0")).toBe(
      "page must be at least 1; min_overall must be at most 5; min_documentation must be a whole number from 1 to 5",
    );
  });

  it("takes the rating sorts and refuses an unknown one with the list", () => {
    for (const sort of RATING_SORTS) expect(parse(`sort=${sort}`)).toMatchObject({ ok: true, request: { sort } });
    expect(message("sort=rating-overall")).toBe(`sort must be one of: ${SEARCH_SORTS.join(", ")}`);
    expect(message("sort=rating-docs")).toContain("rating-documentation");
  });

  it("spells the criteria as reviews store them in crate_ratings", () => {
    expect([...RATING_CRITERIA].sort()).toEqual(Object.values(criterionKeys).sort());
    expect(RATING_SORTS).toEqual(["rating", ...RATING_CRITERIA.filter((c) => c !== "overall").map((c) => `rating-${c}`)]);
  });
});
