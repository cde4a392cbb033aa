import { describe, expect, it } from "vitest";
import { compareLinesNewestFirst, lineContains, lineLabel, reqLine, versionLine } from "./cargo-req-line";

describe("versionLine", () => {
  it.each([
    ["1.4.2", "1"],
    ["1.0.0", "1"],
    ["12.0.1", "12"],
    ["0.9.3", "0.9"],
    ["0.10.0", "0.10"],
    ["0.1.0", "0.1"],
    ["0.0.3", "0.0.3"],
    ["0.0.0", "0.0.0"],
    ["1.0.0-beta.2", "1"],
    ["0.3.0-alpha.1", "0.3"],
    ["0.0.3-rc.1+build.5", "0.0.3"],
    ["2.0.0+meta", "2"],
    // crates.io accepted leading zeros early on: read by value.
    ["0.01.0", "0.1"],
    // Numbers past 2^53 keep every digit.
    ["18446744073709551615.0.0", "18446744073709551615"],
    ["not-a-version", "not-a-version"],
  ])("%s → %s", (version, line) => {
    expect(versionLine(version)).toBe(line);
  });
});

describe("reqLine", () => {
  it.each([
    // Bare versions are caret requirements.
    ["1.2.3", "1"],
    ["1.2", "1"],
    ["1", "1"],
    ["0.9.3", "0.9"],
    ["0.9", "0.9"],
    ["0.0.3", "0.0.3"],
    ["0.0", "0.0"],
    ["0", "0"],
    // Caret.
    ["^1.2.3", "1"],
    ["^0.2.3", "0.2"],
    ["^0.2", "0.2"],
    ["^0.0.3", "0.0.3"],
    ["^0.0", "0.0"],
    ["^0", "0"],
    ["^2", "2"],
    // Tilde.
    ["~1.2.3", "1"],
    ["~1.2", "1"],
    ["~1", "1"],
    ["~0.2.3", "0.2"],
    ["~0.0.3", "0.0"],
    ["~0", "0"],
    // Exact.
    ["=1.4.0", "1"],
    ["=0.9.1", "0.9"],
    ["=0.0.3", "0.0.3"],
    ["=1.2", "1"],
    ["=0.2", "0.2"],
    ["=0", "0"],
    // Unbounded above: accepts the latest.
    ["*", "*"],
    [">=1.0", "*"],
    [">=0.5.0", "*"],
    [">1", "*"],
    [">0.3.1", "*"],
    [">= 0.1, != 2", null],
    // Bounded ranges select the newest line under the bound.
    [">=0.5, <2", "1"],
    [">=1.5, <2", "1"],
    [">=1.0, <3.0", "2"],
    [">=0.9.5, <0.10", "0.9"],
    [">=0.3, <1", "0"],
    [">=0.2, <0.4", "0.3"],
    ["<0.5", "0.4"],
    ["<2", "1"],
    ["<1.2", "1"],
    ["<1", "0"],
    ["<0.1", "0.0"],
    ["<0.0.3", "0.0.2"],
    ["<=1.2.3", "1"],
    ["<=0.0.3", "0.0.3"],
    ["<=0.2", "0.2"],
    ["<=1", "1"],
    ["<=0", "0"],
    [">=1.2.3, <=1.2.3", "1"],
    // Wildcards.
    ["1.*", "1"],
    ["1.x", "1"],
    ["1.X", "1"],
    ["1.*.*", "1"],
    ["0.3.*", "0.3"],
    ["0.0.*", "0.0"],
    ["0.*", "0"],
    ["x", "*"],
    ["*.*", "*"],
    ["^1.*", "1"],
    [">=1.*", "*"],
    // Prereleases: read by their numbers; bounds compare releases.
    ["^1.0.0-beta.2", "1"],
    ["=0.3.0-alpha.1", "0.3"],
    ["0.0.3-rc.1", "0.0.3"],
    [">=1.0, <2.0.0-alpha", "1"],
    [">=1.0.0-alpha, <1.0.0", "1"],
    ["<=2.0.0-alpha, >=1", "2"],
    ["1.2.3+build.7", "1"],
    // Whitespace.
    ["  1.2  ", "1"],
    ["^ 1.2", "1"],
    [">= 1.0, < 2", "1"],
    [">=1.0,<2", "1"],
    ["\t~ 0.4.1 ", "0.4"],
    // Old crates.io requirements: comparators separated by whitespace alone.
    [">= 0.2 < 0.4", "0.3"],
    [">=0.2.0 <0.3.0", "0.2"],
    // The tightest bound wins.
    [">=1, >=1.5, <3, <2", "1"],
    ["^1.2, <1.5", "1"],
    ["^0.5, ^0.5.3", "0.5"],
    // Not requirements Cargo reads, or accepting nothing.
    ["", null],
    ["   ", null],
    ["latest", null],
    ["~>1.0", null],
    ["1.2.3.4", null],
    ["01.0", null],
    ["1.01", null],
    ["1.*.3", null],
    ["1.2-alpha", null],
    ["1.*-alpha", null],
    [">=", null],
    ["1.0,", null],
    [",1.0", null],
    ["1.0,,2.0", null],
    ["v1.0", null],
    [">2, <1", null],
    [">1.2.3, <1.2.3", null],
    ["<0.0.0", null],
    ["<0", null],
  ])("%j → %j", (req, line) => {
    expect(reqLine(req)).toBe(line);
  });

  it("keeps numbers past 2^53 exact", () => {
    expect(reqLine("^18446744073709551615")).toBe("18446744073709551615");
    expect(reqLine("<18446744073709551616")).toBe("18446744073709551615");
  });
});

describe("compareLinesNewestFirst", () => {
  it("orders lines newest first, wider lines above the lines they contain, unknown keys last", () => {
    const lines = ["0.0.3", "?", "0.9", "1", "0.0", "*", "0.10", "2", "0", "0.0.12", "0.1"];
    expect([...lines].sort(compareLinesNewestFirst)).toEqual(["*", "2", "1", "0", "0.10", "0.9", "0.1", "0.0", "0.0.12", "0.0.3", "?"]);
  });
});

describe("lineContains", () => {
  it.each([
    ["1", "1", true],
    ["*", "1", true],
    ["*", "0.0.3", true],
    ["0", "0.9", true],
    ["0", "0.0.3", true],
    ["0", "1", false],
    ["0.0", "0.0.3", true],
    ["0.0", "0.1", false],
    ["0.1", "0.10", false],
    ["1", "10", false],
    ["0.9", "1", false],
    ["?", "1", false],
  ])("%s contains %s: %s", (req, line, expected) => {
    expect(lineContains(req, line)).toBe(expected);
  });
});

describe("lineLabel", () => {
  it.each([
    ["1", "1.x"],
    ["0.9", "0.9.x"],
    ["0.0.3", "0.0.3"],
    ["0", "0.x"],
    ["0.0", "0.0.x"],
    ["*", "any version"],
    ["?", "unreadable"],
  ])("%s reads %s", (line, label) => {
    expect(lineLabel(line)).toBe(label);
  });
});
