import { describe, expect, it } from "vitest";
import { compileFilterList } from "./compile-filter-list";
import { parseFilterList } from "./parse-filter-list";

function rules(text: string) {
  const parsed = parseFilterList(text);
  expect(parsed.errors).toEqual([]);
  return parsed.rules;
}

describe("compileFilterList", () => {
  it("indexes every matcher kind and counts the rules of every part", () => {
    const compiled = compileFilterList([
      {
        slug: "mine",
        rules: rules(
          ["hide Foo-Bar", "hide owner:user/Alice", "demote keyword:crypto", "hide category:web-programming", "label spam heuristic:placeholder", "hide *-sys"].join("\n"),
        ),
      },
      { slug: "https://lists.example.org/up.txt", rules: rules("allow foo_bar # upstream exception") },
    ]);
    expect(compiled.slug).toBe("mine");
    expect(compiled.ruleCount).toBe(7);
    expect([...compiled.byName.keys()]).toEqual(["foo_bar"]);
    expect(compiled.byName.get("foo_bar")!.map((r) => [r.action, r.source.listSlug, r.order])).toEqual([
      ["hide", "mine", 0],
      ["allow", "https://lists.example.org/up.txt", 6],
    ]);
    expect([...compiled.byOwner.keys()]).toEqual(["user/alice"]);
    expect([...compiled.byKeyword.keys()]).toEqual(["crypto"]);
    expect([...compiled.byCategory.keys()]).toEqual(["web-programming"]);
    expect(compiled.byHeuristic.get("placeholder")![0]!.label).toBe("spam");
    expect(compiled.globs).toHaveLength(1);
    expect(compiled.globs[0]).toMatchObject({ pattern: "*_sys", prefix: "", suffix: "_sys", minLength: 4, hasStar: true, singleStar: true });
  });

  it("keeps the reason, line and text of each rule in its source", () => {
    const compiled = compileFilterList([{ slug: "mine", rules: rules("\n\nhide foo # squatted") }]);
    expect(compiled.byName.get("foo")![0]!.source).toEqual({ listSlug: "mine", line: 3, rule: "hide foo # squatted", reason: "squatted" });
  });

  it("orders rules by part, then line, whatever order they arrive in", () => {
    const [a, b] = rules("hide foo\ndemote foo");
    const compiled = compileFilterList([
      { slug: "mine", rules: [b!, a!] },
      { slug: "inc", rules: rules("allow foo") },
    ]);
    expect(compiled.byName.get("foo")!.map((r) => [r.source.line, r.order, r.source.listSlug])).toEqual([
      [1, 0, "mine"],
      [2, 1, "mine"],
      [1, 2, "inc"],
    ]);
  });

  it("derives the literal prefix, suffix and length of patterns", () => {
    const compiled = compileFilterList([{ slug: "l", rules: rules("hide ab?d*x*yz\nhide abc?\nhide *") }]);
    expect(compiled.globs.map(({ pattern, prefix, suffix, minLength, hasStar, singleStar }) => ({ pattern, prefix, suffix, minLength, hasStar, singleStar }))).toEqual([
      { pattern: "ab?d*x*yz", prefix: "ab", suffix: "yz", minLength: 7, hasStar: true, singleStar: false },
      { pattern: "abc?", prefix: "abc", suffix: "", minLength: 4, hasStar: false, singleStar: false },
      { pattern: "*", prefix: "", suffix: "", minLength: 0, hasStar: true, singleStar: true },
    ]);
  });

  it("compiles an empty list", () => {
    const compiled = compileFilterList([{ slug: "empty", rules: [] }]);
    expect(compiled.ruleCount).toBe(0);
    expect(compiled.globs).toEqual([]);
  });
});
