import { describe, expect, it } from "vitest";
import { HEURISTICS, VERDICT_LABELS } from "./filter-list-types";
import { MAX_INCLUDES, MAX_LINE_LENGTH, MAX_LIST_BYTES, MAX_RULES, parseFilterList } from "./parse-filter-list";

function rulesOf(text: string) {
  const parsed = parseFilterList(text);
  expect(parsed.errors).toEqual([]);
  return parsed.rules;
}

function errorsOf(text: string) {
  return parseFilterList(text).errors;
}

describe("parseFilterList limits", () => {
  it("exports the documented limits", () => {
    expect(MAX_LIST_BYTES).toBe(2_000_000);
    expect(MAX_LINE_LENGTH).toBe(2_000);
    expect(MAX_RULES).toBe(100_000);
    expect(MAX_INCLUDES).toBe(10);
  });

  it("rejects a text over 2,000,000 UTF-8 bytes with one error on line 1 and parses nothing", () => {
    // 700,000 three-byte characters: 2.1 MB, but only 700,000 UTF-16 units.
    const parsed = parseFilterList("hide foo\n" + "€".repeat(700_000));
    expect(parsed.errors).toEqual([{ line: 1, message: "The list is 2,100,009 bytes; the most a list may have is 2,000,000." }]);
    expect(parsed.rules).toEqual([]);
  });

  it("accepts a text of exactly 2,000,000 bytes, counting multi-byte characters as UTF-8", () => {
    // 1,000 lines of "# " + 664 "€" (3 bytes each) + "\n": 1,995 bytes each; one 70-byte rule; ASCII comments for the rest.
    const line = "# " + "€".repeat(664) + "\n";
    const filler = ("#".repeat(1_999) + "\n").repeat(2) + "#".repeat(2_000_000 - 1_995_000 - 70 - 4_000);
    const text = line.repeat(1_000) + "hide " + "a".repeat(64) + "\n" + filler;
    const parsed = parseFilterList(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules).toHaveLength(1);
    expect(parseFilterList(text + "#").errors).toEqual([{ line: 1, message: "The list is 2,000,001 bytes; the most a list may have is 2,000,000." }]);
  });

  it("reports a 1 MB line on its own line, quickly, and keeps parsing", () => {
    const text = ["hide foo", "#".repeat(1_048_576), "hide bar"].join("\n");
    const started = performance.now();
    const parsed = parseFilterList(text);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed.errors).toEqual([{ line: 2, message: "Line is 1,048,576 characters long; the most a line may have is 2,000." }]);
    expect(parsed.rules.map((r) => r.line)).toEqual([1, 3]);
  });

  it("allows a line of exactly 2,000 characters (the \\r of a CRLF not counted)", () => {
    const line = "hide foo #" + "x".repeat(MAX_LINE_LENGTH - 10);
    expect(line.length).toBe(MAX_LINE_LENGTH);
    expect(errorsOf(line + "\r\n")).toEqual([]);
    expect(errorsOf(line + "x")).toEqual([{ line: 1, message: "Line is 2,001 characters long; the most a line may have is 2,000." }]);
  });

  it("reports once when the rules go over 100,000, and keeps the first 100,000", () => {
    const text = [...Array.from({ length: MAX_RULES + 5 }, (_, i) => `hide c${i}`), "include list:still-counted"].join("\n");
    const parsed = parseFilterList(text);
    expect(parsed.rules).toHaveLength(MAX_RULES);
    expect(parsed.rules.at(-1)!.text).toBe(`hide c${MAX_RULES - 1}`);
    expect(parsed.includes).toEqual([{ kind: "list", slug: "still-counted", line: MAX_RULES + 6 }]);
    expect(parsed.errors).toEqual([{ line: MAX_RULES + 1, message: "A list may have at most 100,000 rules; this line and the rules after it are over the limit." }]);
  });

  it("allows at most 10 includes", () => {
    const text = Array.from({ length: 12 }, (_, i) => `include list:list-${i}`).join("\n");
    const parsed = parseFilterList(text);
    expect(parsed.includes).toHaveLength(10);
    expect(parsed.errors).toEqual([
      { line: 11, message: "A list may include at most 10 others; remove an include or merge lists." },
      { line: 12, message: "A list may include at most 10 others; remove an include or merge lists." },
    ]);
  });
});

describe("parseFilterList lines", () => {
  it("splits on \\n, strips \\r, ignores blank lines and comments, and numbers lines from 1", () => {
    const text = "# comment\r\n\r\n   \n! just a note\nhide foo\r\n\t\n  demote bar  \r\n";
    const rules = rulesOf(text);
    expect(rules.map((r) => [r.line, r.action, r.text])).toEqual([
      [5, "hide", "hide foo"],
      [7, "demote", "demote bar"],
    ]);
  });

  it("parses an empty text to nothing", () => {
    expect(parseFilterList("")).toEqual({
      header: { title: null, description: null, version: null, license: null, homepage: null, expiresMinutes: null },
      rules: [],
      includes: [],
      errors: [],
    });
  });
});

describe("parseFilterList header", () => {
  it("reads every header, with case-insensitive keys", () => {
    const parsed = parseFilterList(
      [
        "! Title: Crates to avoid",
        "! DESCRIPTION:  Placeholders and squatters ",
        "! version: 2026.1",
        "! License: CC0-1.0",
        "! Homepage: https://example.org/list",
        "! Expires: 4 days",
      ].join("\n"),
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.header).toEqual({
      title: "Crates to avoid",
      description: "Placeholders and squatters",
      version: "2026.1",
      license: "CC0-1.0",
      homepage: "https://example.org/list",
      expiresMinutes: 4 * 24 * 60,
    });
  });

  it("converts Expires to minutes in hours or days, singular or plural", () => {
    const expires = (value: string) => parseFilterList(`! Expires: ${value}`).header.expiresMinutes;
    expect(expires("1 hour")).toBe(60);
    expect(expires("12 hours")).toBe(720);
    expect(expires("1 day")).toBe(1440);
    expect(expires("30 days")).toBe(43_200);
    expect(expires("720 hours")).toBe(43_200);
  });

  it("rejects an Expires outside 1 hour to 30 days, or not in hours or days", () => {
    expect(errorsOf("! Expires: 0 hours")).toEqual([{ line: 1, message: 'Expires must be between 1 hour and 30 days, not "0 hours".' }]);
    expect(errorsOf("\n! Expires: 31 days")).toEqual([{ line: 2, message: 'Expires must be between 1 hour and 30 days, not "31 days".' }]);
    expect(errorsOf("! Expires: 721 hours")).toEqual([{ line: 1, message: 'Expires must be between 1 hour and 30 days, not "721 hours".' }]);
    expect(errorsOf("! Expires: 2 weeks")).toEqual([
      { line: 1, message: 'Expires must be a number of hours or days, e.g. "12 hours" or "4 days", not "2 weeks".' },
    ]);
    expect(errorsOf("! Expires: 1.5 days")[0]!.message).toContain("must be a number of hours or days");
    expect(parseFilterList("! Expires: 31 days").header.expiresMinutes).toBeNull();
  });

  it("requires Homepage to be an http(s) URL", () => {
    expect(parseFilterList("! Homepage: http://example.org").header.homepage).toBe("http://example.org");
    expect(errorsOf("! Homepage: ftp://example.org")).toEqual([{ line: 1, message: 'Homepage must be an https:// or http:// URL, not "ftp://example.org".' }]);
    expect(errorsOf("! Homepage: javascript:alert(1)")).toEqual([{ line: 1, message: 'Homepage must be an https:// or http:// URL, not "javascript:alert(1)".' }]);
    expect(errorsOf("! Homepage: example.org")).toHaveLength(1);
  });

  it("reports a header given twice and an empty header", () => {
    expect(errorsOf("! Title: A\n! title: B")).toEqual([{ line: 2, message: "Title is already given on line 1; give each header once." }]);
    expect(parseFilterList("! Title: A\n! title: B").header.title).toBe("A");
    expect(errorsOf("! Title:")).toEqual([{ line: 1, message: 'Title has no value; write e.g. "! Title: Crates to avoid".' }]);
  });

  it("treats any other ! line as a comment", () => {
    const parsed = parseFilterList("! Author: someone\n!no colon here\n! Checksum: abc");
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules).toEqual([]);
    expect(parsed.header.title).toBeNull();
  });
});

describe("parseFilterList rules", () => {
  it("parses every action", () => {
    const rules = rulesOf(["hide foo", "demote bar", "allow baz", "label unmaintained qux", "replace-with serde_json name:json-old"].join("\n"));
    expect(rules).toEqual([
      { action: "hide", matcher: { kind: "name", name: "foo" }, reason: null, line: 1, text: "hide foo" },
      { action: "demote", matcher: { kind: "name", name: "bar" }, reason: null, line: 2, text: "demote bar" },
      { action: "allow", matcher: { kind: "name", name: "baz" }, reason: null, line: 3, text: "allow baz" },
      { action: "label", label: "unmaintained", matcher: { kind: "name", name: "qux" }, reason: null, line: 4, text: "label unmaintained qux" },
      {
        action: "replace-with",
        replaceWith: "serde_json",
        matcher: { kind: "name", name: "json-old" },
        reason: null,
        line: 5,
        text: "replace-with serde_json name:json-old",
      },
    ]);
  });

  it("accepts every label and every heuristic", () => {
    for (const label of VERDICT_LABELS) expect(rulesOf(`label ${label} foo`)[0]!.label).toBe(label);
    for (const heuristic of HEURISTICS) expect(rulesOf(`hide heuristic:${heuristic}`)[0]!.matcher).toEqual({ kind: "heuristic", heuristic });
  });

  it("parses every matcher kind", () => {
    const matchers = rulesOf(
      [
        "hide name:Foo-Bar",
        "hide foo_bar",
        "hide name:Foo-*",
        "hide *-sys",
        "hide ab?",
        "hide owner:user/Alice",
        "hide owner:team/github:Org:Team-1",
        "hide keyword:Crypto",
        "hide keyword:c++",
        "hide category:web-programming::http-server",
        "hide heuristic:all-yanked",
        "allow *",
      ].join("\n"),
    ).map((r) => r.matcher);
    expect(matchers).toEqual([
      { kind: "name", name: "Foo-Bar" },
      { kind: "name", name: "foo_bar" },
      { kind: "glob", pattern: "foo_*" },
      { kind: "glob", pattern: "*_sys" },
      { kind: "glob", pattern: "ab?" },
      { kind: "owner", owner: "user/alice" },
      { kind: "owner", owner: "team/github:org:team-1" },
      { kind: "keyword", keyword: "crypto" },
      { kind: "keyword", keyword: "c++" },
      { kind: "category", slug: "web-programming::http-server" },
      { kind: "heuristic", heuristic: "all-yanked" },
      { kind: "glob", pattern: "*" },
    ]);
  });

  it("collapses runs of * in a stored pattern", () => {
    expect(rulesOf("hide foo**bar")[0]!.matcher).toEqual({ kind: "glob", pattern: "foo*bar" });
  });

  it("takes the text after ' #' as the reason, trimmed; an empty reason is null", () => {
    const rules = rulesOf(["hide foo # squatted since 2019 # really", "hide bar #", "hide baz\t#\ttab reason", "demote qux   #   spaced  "].join("\n"));
    expect(rules.map((r) => r.reason)).toEqual(["squatted since 2019 # really", null, "tab reason", "spaced"]);
    expect(rules[0]!.text).toBe("hide foo # squatted since 2019 # really");
  });

  it("accepts actions and matcher kinds in any case", () => {
    const [rule] = rulesOf("HIDE Name:Foo");
    expect(rule!.action).toBe("hide");
    expect(rule!.matcher).toEqual({ kind: "name", name: "Foo" });
  });

  it("does not treat duplicate rule lines as errors", () => {
    expect(rulesOf("hide foo\nhide foo")).toHaveLength(2);
  });

  it("accepts a 64-character name and a pattern with 8 wildcards", () => {
    expect(rulesOf(`hide ${"a".repeat(64)}`)).toHaveLength(1);
    expect(rulesOf("hide a*b*c*d*e*f*g*h*")[0]!.matcher.kind).toBe("glob");
  });
});

describe("parseFilterList rule errors", () => {
  const cases: [string, string][] = [
    ["block foo", 'Unknown action "block"; use hide, demote, label, replace-with or allow.'],
    ["hide", 'Missing matcher after "hide"; write e.g. "hide name:foo".'],
    ["label spam", 'Missing matcher after "label spam"; write e.g. "label spam name:foo".'],
    ["replace-with serde", 'Missing matcher after "replace-with serde"; write e.g. "replace-with serde name:foo".'],
    ["label", `"label" needs a label and a matcher, e.g. "label unmaintained name:foo"; labels are ${VERDICT_LABELS.join(", ")}.`],
    ["label bad foo", `Unknown label "bad"; use one of ${VERDICT_LABELS.join(", ")}.`],
    ["replace-with", '"replace-with" needs a crate and a matcher, e.g. "replace-with serde_json name:old-json".'],
    ["replace-with not.a.crate foo", '"not.a.crate" is not a crate name; crate names are 1 to 64 letters, digits, - and _.'],
    ["hide name:", 'The matcher "name:" has no value; write e.g. "name:serde".'],
    ["hide owner:", 'The matcher "owner:" has no value; write e.g. "owner:user/alice".'],
    ["hide keyword:", 'The matcher "keyword:" has no value; write e.g. "keyword:crypto".'],
    ["hide category:", 'The matcher "category:" has no value; write e.g. "category:cryptography".'],
    ["hide heuristic:", 'The matcher "heuristic:" has no value; write e.g. "heuristic:placeholder".'],
    ["hide author:bob", 'Unknown matcher "author:"; use name:, owner:, keyword:, category: or heuristic: (a bare crate name means name:).'],
    ["hide heuristic:evil", `Unknown heuristic "evil"; use one of ${HEURISTICS.join(", ")}.`],
    ["hide foo.bar", '"foo.bar" is not a crate name; crate names are 1 to 64 letters, digits, - and _ (use * and ? for a pattern).'],
    ["hide foo#bar", '"foo#bar" is not a crate name; crate names are 1 to 64 letters, digits, - and _ (use * and ? for a pattern).'],
    [`hide ${"a".repeat(65)}`, `"${"a".repeat(65)}" is not a crate name; crate names are 1 to 64 letters, digits, - and _ (use * and ? for a pattern).`],
    ["hide foo.*", '"foo.*" is not a name pattern; patterns are up to 64 letters, digits, -, _ and the wildcards * and ?.'],
    ["hide name:/^foo.*$/", "Regular expressions are not supported; use * and ? in a name pattern."],
    ["hide /foo/", "Regular expressions are not supported; use * and ? in a name pattern."],
    ["hide /foo/i", "Regular expressions are not supported; use * and ? in a name pattern."],
    ["hide keyword:/x/", "Regular expressions are not supported; use * and ? in a name pattern."],
    ["hide a*b*c*d*e*f*g*h*i*", 'A name pattern may have at most 8 wildcards (* and ?); "a*b*c*d*e*f*g*h*i*" has 9.'],
    ["hide ?????????", 'A name pattern may have at most 8 wildcards (* and ?); "?????????" has 9.'],
    ["hide foo bar", 'Unexpected "bar" after the matcher; one rule has one matcher, and a reason goes after " # ".'],
    ["hide foo bar baz # why", 'Unexpected "bar baz" after the matcher; one rule has one matcher, and a reason goes after " # ".'],
    ["hide owner:alice", 'Owners are written owner:user/<login> or owner:team/<login>, not "owner:alice".'],
    ["hide owner:org/alice", 'Owners are written owner:user/<login> or owner:team/<login>, not "owner:org/alice".'],
    ["hide owner:user/", 'Owners are written owner:user/<login> or owner:team/<login>, not "owner:user/".'],
    ["hide owner:user/al ice", 'Unexpected "ice" after the matcher; one rule has one matcher, and a reason goes after " # ".'],
    ["hide owner:user/al.ice", '"al.ice" is not a login; logins have letters, digits, -, _ and (for teams) :.'],
    ["hide keyword:no/slash", '"no/slash" is not a keyword; keywords are up to 64 letters, digits, -, _ and +.'],
    ["hide category:Web Programming", 'Unexpected "Programming" after the matcher; one rule has one matcher, and a reason goes after " # ".'],
    ["hide category:web.programming", '"web.programming" is not a category slug; slugs have a-z, 0-9, -, _ and :, e.g. "web-programming::http-server".'],
  ];

  it.each(cases)("%s", (line, message) => {
    expect(errorsOf(`! Title: t\n\n${line}`)).toEqual([{ line: 3, message }]);
  });

  it("collects every error, each on its own line, and keeps the good rules", () => {
    const parsed = parseFilterList(["hide foo", "block bar", "hide name:", "demote baz", "label nope x"].join("\n"));
    expect(parsed.errors.map((e) => e.line)).toEqual([2, 3, 5]);
    expect(parsed.rules.map((r) => r.line)).toEqual([1, 4]);
  });
});

describe("parseFilterList includes", () => {
  it("records list and https includes with their lines", () => {
    const parsed = parseFilterList("include list:rust-basics\ninclude https://lists.example.org/a.txt # upstream");
    expect(parsed.errors).toEqual([]);
    expect(parsed.includes).toEqual([
      { kind: "list", slug: "rust-basics", line: 1 },
      { kind: "url", url: "https://lists.example.org/a.txt", line: 2 },
    ]);
    expect(parsed.rules).toEqual([]);
  });

  it("rejects every other include target", () => {
    const urlMessage = "Includes must be https:// URLs or list:<slug>.";
    for (const target of ["http://example.org/a.txt", "file:///etc/passwd", "ftp://example.org/a", "javascript:alert(1)", "example.org/a.txt", "https//x"]) {
      expect(errorsOf(`include ${target}`)).toEqual([{ line: 1, message: urlMessage }]);
    }
    expect(errorsOf("include")).toEqual([{ line: 1, message: `Missing what to include. ${urlMessage}` }]);
    const slugMessage = (slug: string) => `"${slug}" is not a list slug; slugs are 2 to 63 lower-case letters, digits and -, starting with a letter or digit.`;
    for (const slug of ["a", "-abc", "Abc", "a_b", "x".repeat(64), ""]) {
      expect(errorsOf(`include list:${slug}`)).toEqual([{ line: 1, message: slugMessage(slug) }]);
    }
    expect(errorsOf("include list:a b")).toEqual([{ line: 1, message: 'Unexpected "b" after the include; include one list per line.' }]);
  });
});
