import { describe, expect, it } from "vitest";
import { highlight, type HighlightSegment } from "./highlight";

/** Segments as a string with matches in brackets: "[serd]e_[json]". */
function show(segments: HighlightSegment[]): string {
  return segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join("");
}

describe("highlight", () => {
  it.each([
    ["A generic serialization framework", "serialization", "A generic [serialization] framework"],
    ["serde_json", "json", "serde_[json]"],
    ["serde_json", "serd", "[serd]e_json"],
    ["HTTP client for Rust", "http client", "[HTTP] [client] for Rust"],
    ["An async HTTP-client", "CLIENT", "An async HTTP-[client]"],
    ["reqwest: higher level HTTP client", "http", "reqwest: higher level [HTTP] client"],
    // Only whole words or their starts: never the middle or end of a word.
    ["metadata and data", "data", "metadata and [data]"],
    ["unhttp", "http", "unhttp"],
    // The longest matching query word wins.
    ["serde serializer", "ser serde", "[serde] [ser]ializer"],
    ["tokio", "", "tokio"],
    ["tokio", "   & | ! ", "tokio"],
  ])("%j with %j → %j", (text, query, expected) => {
    expect(show(highlight(text, query))).toBe(expected);
  });

  it("always gives back the original text, with adjacent plain text in one segment", () => {
    const text = "Fast, *safe* <b>JSON</b> & YAML: 100% “serde”-compatible 🦀 parser";
    for (const query of ["json", "yaml serde", "<b>", "🦀", "parse", "nothing"]) {
      const segments = highlight(text, query);
      expect(segments.map((s) => s.text).join("")).toBe(text);
      for (let i = 1; i < segments.length; i++) {
        expect(segments[i - 1]!.match || segments[i]!.match).toBe(true);
      }
    }
    // Markup in the query is just more words ("b" and "json").
    expect(show(highlight(text, "<b>json</b>"))).toBe("Fast, *safe* <[b]>[JSON]</[b]> & YAML: 100% “serde”-compatible 🦀 parser");
  });

  it("returns text, never markup, even when the text holds HTML", () => {
    const segments = highlight('<script>alert("x")</script> script', "script");
    expect(show(segments)).toBe('<[script]>alert("x")</[script]> [script]');
    expect(segments.every((s) => typeof s.text === "string")).toBe(true);
  });

  it("is case-insensitive beyond ASCII", () => {
    expect(show(highlight("Ärger mit ÜBERSETZUNG", "ärger übersetz"))).toBe("[Ärger] mit [ÜBERSETZ]UNG");
    expect(show(highlight("Ελληνικά κείμενα", "ελλην"))).toBe("[Ελλην]ικά κείμενα");
    expect(show(highlight("日本語 テキスト", "日本"))).toBe("[日本]語 テキスト");
  });

  it("compares canonically equivalent text (NFKC), as the search does", () => {
    // "café" written with a combining accent, searched with the precomposed é.
    expect(show(highlight("cafe\u0301 au lait", "café"))).toBe("[cafe\u0301] au lait");
    // …and never ends a match between a letter and its accent.
    expect(show(highlight("cafe\u0301", "cafe"))).toBe("cafe\u0301");
    // Full-width letters are their ASCII selves to NFKC.
    expect(show(highlight("ｊｓｏｎ parser", "json"))).toBe("[ｊｓｏｎ] parser");
  });

  it("never splits a surrogate pair", () => {
    const text = "𝒳𝒴 crab 🦀🦀";
    const segments = highlight(text, "crab");
    expect(show(segments)).toBe("𝒳𝒴 [crab] 🦀🦀");
    for (const s of segments) expect(s.text.isWellFormed()).toBe(true);
  });

  it("returns no segments for empty text", () => {
    expect(highlight("", "serde")).toEqual([]);
  });

  it("stays fast on long text and long queries", () => {
    const text = "word ".repeat(20_000);
    const started = performance.now();
    const segments = highlight(text, "w".repeat(10_000));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(segments).toEqual([{ text, match: false }]);
  });
});
