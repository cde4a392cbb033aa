import { describe, expect, it } from "vitest";
import { formatGrowth, formatTrend } from "./format-trend";

describe("formatGrowth", () => {
  it.each([
    [1.4, "+140%"],
    [0.0154, "+1.5%"],
    [0.0996, "+10%"],
    [12.345, "+1,235%"],
    [-0.25, "−25%"],
    [-0.001, "−0.1%"],
    [0.0004, "±0%"],
    [null, "new"],
  ] as const)("%s → %s", (growth, shown) => {
    expect(formatGrowth(growth)).toBe(shown);
  });
});

describe("formatTrend", () => {
  it("says the growth, both periods and their length", () => {
    expect(formatTrend({ recent: 29_520, previous: 12_300, growth: 1.4 })).toBe("+140% · 12,300 → 29,520 downloads in 28 days");
    expect(formatTrend({ recent: 3_000, previous: 0, growth: null })).toBe("new · 0 → 3,000 downloads in 28 days");
  });
});
