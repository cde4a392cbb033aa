import { describe, expect, it } from "vitest";
import { globMatch } from "./glob-match";

describe("globMatch", () => {
  it("matches literal patterns exactly", () => {
    expect(globMatch("serde", "serde")).toBe(true);
    expect(globMatch("serde", "serde_json")).toBe(false);
    expect(globMatch("serde_json", "serde")).toBe(false);
    expect(globMatch("", "")).toBe(true);
    expect(globMatch("", "a")).toBe(false);
  });

  it("lets * match any run, including none", () => {
    expect(globMatch("serde*", "serde")).toBe(true);
    expect(globMatch("serde*", "serde_json")).toBe(true);
    expect(globMatch("*_sys", "openssl_sys")).toBe(true);
    expect(globMatch("*_sys", "_sys")).toBe(true);
    expect(globMatch("*_sys", "openssl_sys2")).toBe(false);
    expect(globMatch("a*b*c", "abc")).toBe(true);
    expect(globMatch("a*b*c", "axxbyyc")).toBe(true);
    expect(globMatch("a*b*c", "axxbyy")).toBe(false);
    expect(globMatch("*", "")).toBe(true);
    expect(globMatch("*", "anything")).toBe(true);
    expect(globMatch("**", "x")).toBe(true);
  });

  it("lets ? match exactly one character", () => {
    expect(globMatch("foo?", "foo1")).toBe(true);
    expect(globMatch("foo?", "foo")).toBe(false);
    expect(globMatch("foo?", "foo12")).toBe(false);
    expect(globMatch("?", "")).toBe(false);
    expect(globMatch("?*", "")).toBe(false);
    expect(globMatch("?*", "a")).toBe(true);
    expect(globMatch("*?", "ab")).toBe(true);
  });

  it("backtracks a star when a later literal fails", () => {
    // The first "ab" found is not the one that lets the pattern end.
    expect(globMatch("*ab", "aab")).toBe(true);
    expect(globMatch("*abc", "ababc")).toBe(true);
    expect(globMatch("a*ab", "aaab")).toBe(true);
    expect(globMatch("*a?c", "abcabc")).toBe(true);
    expect(globMatch("*a?d", "abcabc")).toBe(false);
  });

  it("treats other regex characters literally", () => {
    expect(globMatch("a.b", "axb")).toBe(false);
    expect(globMatch("a.b", "a.b")).toBe(true);
  });

  it("finishes a pathological pattern instantly", () => {
    const name = "a".repeat(64);
    const started = performance.now();
    for (let i = 0; i < 100; i++) {
      expect(globMatch("a*a*a*a*a*a*a*a*a*b", name)).toBe(false);
    }
    expect(globMatch("a*a*a*a*a*a*a*a*a*a", name)).toBe(true);
    // A backtracking regex takes seconds on this; the two-pointer walk is O(n·m).
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
