import { describe, expect, it } from "vitest";
import { compileFilterList, type CompiledFilterList } from "./compile-filter-list";
import { evaluateCrate } from "./evaluate-crate";
import type { CrateFacts } from "./filter-list-types";
import { parseFilterList } from "./parse-filter-list";

/** A compiled list from text; extra parts stand for resolved includes. */
function list(slug: string, text: string, ...includes: [string, string][]): CompiledFilterList {
  const parts = [[slug, text] as [string, string], ...includes].map(([partSlug, partText]) => {
    const parsed = parseFilterList(partText);
    expect(parsed.errors).toEqual([]);
    return { slug: partSlug, rules: parsed.rules };
  });
  return compileFilterList(parts);
}

function crate(nameLower: string, facts: Partial<CrateFacts> = {}): CrateFacts {
  return { nameLower, owners: [], keywords: [], categories: [], heuristics: [], ...facts };
}

describe("evaluateCrate matching", () => {
  it("returns null when nothing matches, and for an empty view", () => {
    expect(evaluateCrate([list("l", "hide foo\nhide owner:user/bob\nhide bar*")], crate("baz"))).toBeNull();
    expect(evaluateCrate([], crate("foo"))).toBeNull();
  });

  it("matches names with - and _ alike and in any case", () => {
    const lists = [list("l", "hide Foo-Bar")];
    expect(evaluateCrate(lists, crate("foo_bar"))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("foo-bar"))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("foo-bar-baz"))).toBeNull();
  });

  it("matches name patterns", () => {
    const lists = [list("l", "hide *-sys\ndemote tokio-?\nhide a*b*c")];
    expect(evaluateCrate(lists, crate("openssl-sys"))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("openssl_sys"))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("sys"))).toBeNull();
    expect(evaluateCrate(lists, crate("tokio-x"))?.action).toBe("demote");
    expect(evaluateCrate(lists, crate("tokio-xy"))).toBeNull();
    expect(evaluateCrate(lists, crate("axbxc"))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("axcxb"))).toBeNull();
  });

  it("matches owners, keywords and heuristics", () => {
    const lists = [list("l", "hide owner:user/Squatter\ndemote keyword:crypto\nlabel placeholder heuristic:placeholder")];
    expect(evaluateCrate(lists, crate("x", { owners: ["user/dev", "user/squatter"] }))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("x", { owners: ["team/squatter"] }))).toBeNull();
    expect(evaluateCrate(lists, crate("x", { keywords: ["web", "crypto"] }))?.action).toBe("demote");
    expect(evaluateCrate(lists, crate("x", { heuristics: ["all-yanked", "placeholder"] }))).toEqual({
      action: null,
      decidedBy: null,
      labels: [{ label: "placeholder", source: { listSlug: "l", line: 3, rule: "label placeholder heuristic:placeholder", reason: null } }],
      replaceWith: null,
    });
  });

  it("matches a category and its subcategories, not its siblings or prefixes", () => {
    const lists = [list("l", "hide category:web-programming")];
    expect(evaluateCrate(lists, crate("x", { categories: ["web-programming"] }))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("x", { categories: ["web-programming::http-server"] }))?.action).toBe("hide");
    expect(evaluateCrate(lists, crate("x", { categories: ["web-programming-tools"] }))).toBeNull();
    expect(evaluateCrate(lists, crate("x", { categories: ["gui"] }))).toBeNull();
    const sub = [list("l", "demote category:web-programming::http-server")];
    expect(evaluateCrate(sub, crate("x", { categories: ["web-programming"] }))).toBeNull();
    expect(evaluateCrate(sub, crate("x", { categories: ["web-programming::http-server::x"] }))?.action).toBe("demote");
  });

  it("records the rule, its list and its reason in decidedBy", () => {
    const verdict = evaluateCrate([list("avoid", "# list\nhide foo # squatted")], crate("foo"));
    expect(verdict).toEqual({
      action: "hide",
      decidedBy: { listSlug: "avoid", line: 2, rule: "hide foo # squatted", reason: "squatted" },
      labels: [],
      replaceWith: null,
    });
  });
});

describe("evaluateCrate precedence within a list", () => {
  it("lets allow beat hide and demote regardless of line order", () => {
    const verdict = evaluateCrate([list("l", "hide *\ndemote foo\nallow foo # we vetted it")], crate("foo"));
    expect(verdict?.action).toBe("allow");
    expect(verdict?.decidedBy?.line).toBe(3);
  });

  it("lets hide beat demote regardless of line order", () => {
    const verdict = evaluateCrate([list("l", "demote foo\nhide keyword:spam")], crate("foo", { keywords: ["spam"] }));
    expect(verdict?.action).toBe("hide");
    expect(verdict?.decidedBy?.line).toBe(2);
  });

  it("records the first matching rule of the winning action, by line", () => {
    const verdict = evaluateCrate([list("l", "demote x\nhide owner:user/bob # second\nhide foo* # first-by-glob\nhide foo")], crate("foo", { owners: ["user/bob"] }));
    expect(verdict?.decidedBy?.line).toBe(2);
  });

  it("treats includes as part of the list: an included allow beats the list's own hide", () => {
    const compiled = list("mine", "hide foo", ["https://example.org/exceptions.txt", "allow foo # upstream says fine"]);
    const verdict = evaluateCrate([compiled], crate("foo"));
    expect(verdict?.action).toBe("allow");
    expect(verdict?.decidedBy).toEqual({ listSlug: "https://example.org/exceptions.txt", line: 1, rule: "allow foo # upstream says fine", reason: "upstream says fine" });
  });

  it("prefers the list's own rule over an include's when both decide the same", () => {
    const compiled = list("mine", "\n\nhide foo", ["inc", "hide foo"]);
    expect(evaluateCrate([compiled], crate("foo"))?.decidedBy?.listSlug).toBe("mine");
  });
});

describe("evaluateCrate precedence across lists", () => {
  it("lets the first list with a decision decide", () => {
    const exceptions = list("exceptions", "allow foo");
    const avoid = list("avoid", "hide foo");
    expect(evaluateCrate([exceptions, avoid], crate("foo"))?.action).toBe("allow");
    expect(evaluateCrate([avoid, exceptions], crate("foo"))?.action).toBe("hide");
  });

  it("skips lists with no decision: a label-only first list does not decide", () => {
    const labels = list("labels", "label unmaintained foo");
    const demoting = list("demoting", "demote foo");
    const verdict = evaluateCrate([labels, demoting], crate("foo"));
    expect(verdict?.action).toBe("demote");
    expect(verdict?.decidedBy?.listSlug).toBe("demoting");
    expect(verdict?.labels.map((l) => [l.label, l.source.listSlug])).toEqual([["unmaintained", "labels"]]);
  });

  it("lets a later list's demote apply when the earlier list did not match", () => {
    expect(evaluateCrate([list("a", "hide bar"), list("b", "demote foo")], crate("foo"))?.decidedBy?.listSlug).toBe("b");
  });

  it("gathers labels from every list, one per label, first source kept, even when allowed", () => {
    const first = list("first", "allow foo\nlabel experimental foo\nlabel unmaintained foo");
    const second = list("second", "label unmaintained foo # also\nlabel deprecated foo\nhide foo");
    const verdict = evaluateCrate([first, second], crate("foo"));
    expect(verdict?.action).toBe("allow");
    expect(verdict?.labels.map((l) => [l.label, l.source.listSlug, l.source.line])).toEqual([
      ["experimental", "first", 2],
      ["unmaintained", "first", 3],
      ["deprecated", "second", 2],
    ]);
  });

  it("orders one list's labels by line even when they come from different indexes", () => {
    const verdict = evaluateCrate([list("l", "label spam owner:user/x\nlabel broken foo\nlabel spam foo")], crate("foo", { owners: ["user/x"] }));
    expect(verdict?.labels.map((l) => [l.label, l.source.line])).toEqual([
      ["spam", 1],
      ["broken", 2],
    ]);
  });

  it("takes the first replace-with in view order, and by line within a list", () => {
    const a = list("a", "replace-with anyhow foo*\nreplace-with eyre foo");
    const b = list("b", "replace-with thiserror foo");
    expect(evaluateCrate([b, a], crate("foo"))?.replaceWith).toEqual({ crate: "thiserror", source: { listSlug: "b", line: 1, rule: "replace-with thiserror foo", reason: null } });
    const verdict = evaluateCrate([a, b], crate("foo"));
    expect(verdict?.replaceWith?.crate).toBe("anyhow");
    expect(verdict?.action).toBeNull();
  });

  it("evaluates many crates independently (no state leaks between calls)", () => {
    const lists = [list("l", "label spam foo\nhide bar")];
    expect(evaluateCrate(lists, crate("foo"))?.labels).toHaveLength(1);
    expect(evaluateCrate(lists, crate("bar"))?.labels).toEqual([]);
    expect(evaluateCrate(lists, crate("baz"))).toBeNull();
  });
});
