import { describe, expect, it } from "vitest";
import {
  areaPath,
  DOWNLOADS_CHART_LAYOUT,
  downloadsChartGeometry,
  linearScale,
  linePath,
  monthSegments,
  niceTicks,
  stackSeries,
} from "./chart-geometry";

describe("linearScale", () => {
  it("maps a domain onto a range, also backwards (SVG y grows downwards)", () => {
    const y = linearScale([0, 100], [250, 50]);
    expect(y(0)).toBe(250);
    expect(y(100)).toBe(50);
    expect(y(25)).toBe(200);
  });

  it("maps a zero-width domain to the start of the range", () => {
    expect(linearScale([5, 5], [10, 20])(5)).toBe(10);
  });
});

describe("niceTicks", () => {
  it.each([
    [0, [0, 1]],
    [-3, [0, 1]],
    [3, [0, 1, 2, 3]],
    [10, [0, 5, 10]],
    [95, [0, 25, 50, 75, 100]],
    [1000, [0, 250, 500, 750, 1000]],
    [1001, [0, 500, 1000, 1500]],
    [72_345, [0, 20_000, 40_000, 60_000, 80_000]],
    [4_446_175, [0, 2_000_000, 4_000_000, 6_000_000]],
  ])("%d → %j", (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });

  it("always reaches the maximum with whole, evenly spaced steps", () => {
    for (const max of [1, 2, 7, 13, 99, 101, 12_345, 987_654_321]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
      const step = ticks[1]! - ticks[0]!;
      ticks.forEach((t, i) => {
        expect(Number.isInteger(t)).toBe(true);
        expect(t).toBe(i * step);
      });
    }
  });
});

describe("stackSeries", () => {
  it("stacks bottom-up, each series between the running totals", () => {
    expect(
      stackSeries([
        [1, 2],
        [10, 20],
        [100, 0],
      ]),
    ).toEqual([
      { lower: [0, 0], upper: [1, 2] },
      { lower: [1, 2], upper: [11, 22] },
      { lower: [11, 22], upper: [111, 22] },
    ]);
    expect(stackSeries([])).toEqual([]);
  });
});

describe("paths", () => {
  it("closes an area along the upper line and back along the lower one", () => {
    expect(areaPath([0, 10, 20], [100, 100, 100], [90, 80.04, 70.26])).toBe("M0,90L10,80L20,70.3L20,100L10,100L0,100Z");
    expect(areaPath([], [], [])).toBe("");
  });

  it("breaks a line where values are missing", () => {
    expect(linePath([0, 1, 2, 3, 4], [null, 5, 6, null, 8])).toBe("M1,5L2,6M4,8");
    expect(linePath([0, 1], [null, null])).toBe("");
  });
});

describe("monthSegments", () => {
  const days = (from: string, count: number) =>
    Array.from({ length: count }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

  it("splits the window by calendar month, the first label with its year", () => {
    expect(monthSegments(days("2026-09-02", 90))).toEqual([
      { start: 0, end: 28, label: "Sep 2026" },
      { start: 29, end: 59, label: "Oct" },
      { start: 60, end: 89, label: "Nov" },
    ]);
  });

  it("leaves short segments unlabelled and names the year again in January", () => {
    expect(monthSegments(days("2026-11-28", 40))).toEqual([
      { start: 0, end: 2, label: "" },
      { start: 3, end: 33, label: "Dec 2026" },
      { start: 34, end: 39, label: "" },
    ]);
    expect(monthSegments(days("2026-12-10", 65)).map((s) => s.label)).toEqual(["Dec 2026", "Jan 2027", "Feb"]);
  });
});

describe("downloadsChartGeometry", () => {
  const dayList = Array.from({ length: 90 }, (_, i) => new Date(Date.UTC(2026, 8, 2 + i)).toISOString().slice(0, 10));

  it("fits the stacked total under the top tick and spans the plot left to right", () => {
    const a = dayList.map((_, i) => 100 + i);
    const b = dayList.map(() => 50);
    const geometry = downloadsChartGeometry({ days: dayList, series: [a, b], average: dayList.map((_, i) => (i < 6 ? null : 170)) });
    const { plot } = geometry;
    expect(plot).toEqual({ left: 58, top: 14, right: 706, bottom: 270 });
    // Peak total 239 → ticks 0, 100, 200, 300 (300 at the top of the plot).
    expect(geometry.yTicks.map((t) => t.value)).toEqual([0, 100, 200, 300]);
    expect(geometry.yTicks[0]!.y).toBe(plot.bottom);
    expect(geometry.yTicks.at(-1)!.y).toBe(plot.top);
    expect(geometry.areas).toHaveLength(2);
    expect(geometry.areas[0]!.startsWith(`M${plot.left},`)).toBe(true);
    expect(geometry.areas[0]!).toContain(`L${plot.right},${plot.bottom}`);
    // The average starts on day 7.
    expect(geometry.averageLine.match(/M/g)).toHaveLength(1);
    expect(geometry.averageLine.split("L")).toHaveLength(84);
    expect(geometry.monthLabels.map((m) => m.label)).toEqual(["Sep 2026", "Oct", "Nov"]);
    expect(geometry.monthLines).toHaveLength(2);
    for (const x of geometry.monthLines) {
      expect(x).toBeGreaterThan(plot.left);
      expect(x).toBeLessThan(plot.right);
    }
  });

  it("draws an all-zero window flat on the baseline with a 0..1 axis", () => {
    const zeros = dayList.map(() => 0);
    const geometry = downloadsChartGeometry({ days: dayList, series: [zeros], average: zeros });
    expect(geometry.yTicks.map((t) => t.value)).toEqual([0, 1]);
    expect(geometry.areas[0]).not.toMatch(/NaN|Infinity/);
    expect(geometry.width).toBe(DOWNLOADS_CHART_LAYOUT.width);
  });
});
