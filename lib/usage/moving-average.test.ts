import { describe, expect, it } from "vitest";
import { movingAverage } from "./moving-average";

describe("movingAverage", () => {
  it("is null until a full window precedes, then the trailing mean", () => {
    expect(movingAverage([7, 7, 7, 7, 7, 7, 7, 14], 7)).toEqual([null, null, null, null, null, null, 7, 8]);
    expect(movingAverage([1, 2, 3, 4, 5], 2)).toEqual([null, 1.5, 2.5, 3.5, 4.5]);
  });

  it("matches the mean computed directly at every position (no drift from the running sum)", () => {
    const values = Array.from({ length: 90 }, (_, i) => (i * 7919) % 1013);
    const averaged = movingAverage(values);
    values.forEach((_, i) => {
      if (i < 6) expect(averaged[i]).toBeNull();
      else expect(averaged[i]).toBeCloseTo(values.slice(i - 6, i + 1).reduce((a, b) => a + b, 0) / 7, 9);
    });
  });

  it("handles short and empty input, and a window of one", () => {
    expect(movingAverage([], 7)).toEqual([]);
    expect(movingAverage([3, 4], 7)).toEqual([null, null]);
    expect(movingAverage([3, 4], 1)).toEqual([3, 4]);
  });

  it("refuses a window that is not a positive whole number", () => {
    expect(() => movingAverage([1], 0)).toThrow(RangeError);
    expect(() => movingAverage([1], 2.5)).toThrow(RangeError);
  });
});
