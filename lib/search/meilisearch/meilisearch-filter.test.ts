import { describe, expect, it } from "vitest";
import { hiddenInViewFilter, meilisearchFilter, quoteFilterValue, viewFilter } from "./meilisearch-filter";

// How Meilisearch's filter parser reads `attribute = "value"` (filter-parser's
// value.rs): the value runs to the first `"` not preceded by `\`; then `\"`
// becomes `"`; then Rust-style escapes are read (`\\` is `\`, `\n` a newline,
// `\u{…}` a character; an unknown escape is an error). Written out here to
// show what the server will make of our expressions.
function parseEquality(expression: string): { attribute: string; value: string } {
  const head = /^([a-z_]+) = "/.exec(expression);
  if (!head) throw new Error(`not an equality on a quoted value: ${expression}`);
  const rest = expression.slice(head[0].length);
  let end = 0;
  let escapedQuote = false;
  for (; end < rest.length && rest[end] !== '"'; end += 1) {
    if (rest[end] === "\\") {
      end += 1;
      if (end >= rest.length) throw new Error("dangling backslash");
      escapedQuote ||= rest[end] === '"';
    }
  }
  if (end !== rest.length - 1) throw new Error(`the value ends before the expression does: ${JSON.stringify(rest.slice(end))}`);
  let raw = rest.slice(0, end);
  if (escapedQuote) raw = raw.replaceAll('\\"', '"');
  let value = "";
  for (let i = 0; i < raw.length; i += 1) {
    if (raw[i] !== "\\") {
      value += raw[i];
      continue;
    }
    const next = raw[(i += 1)];
    if (next === "\\" || next === '"') value += next;
    else throw new Error(`the server would read \\${next} as an escape`);
  }
  return { attribute: head[1]!, value };
}

const hostile = [
  'x" OR category_slugs EXISTS OR y = "z',
  'ends with a backslash\\',
  '\\" TO \\',
  "\\\\\\\"",
  "a\\nb (a backslash and n, not a newline)",
  "\\u{41}",
  "10 TO 20",
  "OR",
  "line\nbreak\r\nand tab\t",
  "nul\u0000byte",
  "'single' \"double\" `back`",
  "(category_slugs = x) AND NOT keywords IN [a, b]",
  "",
  "🦀 ::crab::",
];

describe("meilisearchFilter", () => {
  it("is empty without filters", () => {
    expect(meilisearchFilter({})).toEqual([]);
  });

  it("gives one expression per filter, AND-ed as the array form", () => {
    expect(meilisearchFilter({ category: "web-programming::http-client", keyword: "http", license: "MIT OR Apache-2.0" })).toEqual([
      'category_slugs = "web-programming::http-client"',
      'keywords = "http"',
      'license = "MIT OR Apache-2.0"',
    ]);
  });

  it.each(hostile)("keeps hostile input %j one literal value", (input) => {
    const expressions = meilisearchFilter({ category: input, keyword: input, license: input });
    expect(expressions.map(parseEquality)).toEqual([
      { attribute: "category_slugs", value: input },
      { attribute: "keywords", value: input },
      { attribute: "license", value: input },
    ]);
  });
});

describe("meilisearchFilter with rating minimums", () => {
  it("compares each criterion's rating attribute with the number, in criterion order, after the other filters", () => {
    expect(meilisearchFilter({ license: "MIT", minRatings: { security: 2, overall: 4, api_design: 5 } })).toEqual([
      'license = "MIT"',
      "rating_overall >= 4",
      "rating_api_design >= 5",
      "rating_security >= 2",
    ]);
  });

  it.each([0, 6, 4.5, Number.NaN, -1])("refuses a minimum of %s rather than write it into the expression", (min) => {
    expect(() => meilisearchFilter({ minRatings: { documentation: min } })).toThrow(RangeError);
  });

  it("never writes a criterion that is not a known one", () => {
    const filters = { minRatings: { documentation: 4, "x OR y": 3 } as Record<string, number> };
    expect(meilisearchFilter(filters)).toEqual(["rating_documentation >= 4"]);
  });
});

describe("viewFilter", () => {
  it("leaves out what the view hides, unless hidden crates are shown", () => {
    expect(viewFilter({ viewId: 3, showHidden: false })).toEqual(["NOT hidden_in_views = 3"]);
    expect(viewFilter({ viewId: 3, showHidden: true })).toEqual([]);
    expect(hiddenInViewFilter(2_147_483_647)).toBe("hidden_in_views = 2147483647");
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2_147_483_648, 1e21, "1 OR x = 1" as unknown as number])(
    "refuses a view id of %s rather than write it into the expression",
    (viewId) => {
      expect(() => viewFilter({ viewId, showHidden: false })).toThrow(RangeError);
      expect(() => viewFilter({ viewId, showHidden: true })).toThrow(RangeError);
      expect(() => hiddenInViewFilter(viewId)).toThrow(RangeError);
    },
  );
});

describe("quoteFilterValue", () => {
  it("escapes backslashes and double quotes, nothing else", () => {
    expect(quoteFilterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteFilterValue("line\nnul\u0000")).toBe('"line\nnul\u0000"');
  });
});
