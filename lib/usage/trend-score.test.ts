import { describe, expect, it } from "vitest";
import { growthRatio, TREND_MIN_RECENT, trendScore } from "./trend-score";

describe("trendScore", () => {
  it("ranks a big crate growing moderately above a tiny one with a big ratio", () => {
    const big = trendScore(120_000, 50_000);
    expect(big).toBeCloseTo(Math.log(120_500 / 50_500), 9);
    expect(trendScore(40, 2)).toBe(0);
    // Even above the minimum, a small crate's tenfold jump is damped below the big one.
    expect(trendScore(600, 60)).toBeLessThan(big);
    expect(trendScore(2_000, 300)).toBeLessThan(big);
  });

  it("is 0 below the minimum and continuous at it", () => {
    expect(trendScore(TREND_MIN_RECENT - 1, 0)).toBe(0);
    expect(trendScore(TREND_MIN_RECENT, 0)).toBe(0);
    expect(trendScore(TREND_MIN_RECENT + 1, 0)).toBeGreaterThan(0);
    expect(trendScore(TREND_MIN_RECENT + 1, 0)).toBeLessThan(0.001);
  });

  it("is negative for shrinking crates, near 0 for flat huge ones, and grows with growth at equal size", () => {
    expect(trendScore(50_000, 100_000)).toBeLessThan(0);
    expect(Math.abs(trendScore(2_000_000, 1_990_000))).toBeLessThan(0.01);
    expect(trendScore(100_000, 50_000)).toBeGreaterThan(trendScore(100_000, 80_000));
    // More evidence for the same ratio ranks higher, up to full confidence.
    expect(trendScore(10_000, 5_000)).toBeLessThan(trendScore(100_000, 50_000));
  });
});

describe("growthRatio", () => {
  it("is the relative change, null without a previous period", () => {
    expect(growthRatio(29_520, 12_300)).toBeCloseTo(1.4, 9);
    expect(growthRatio(50, 100)).toBe(-0.5);
    expect(growthRatio(3_000, 0)).toBeNull();
  });
});
