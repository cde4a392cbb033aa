// Geometry of the downloads chart, kept out of the component so it can be
// unit-tested and the SVG stays a plain rendering of numbers. Coordinates are
// in SVG user units (y grows downwards) and rounded to 0.1 to keep the markup
// small: a crate page draws 5 areas of 90 points each.

export interface ChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** The chart's viewBox: wide enough for 90 days, labels sized to stay legible when scaled down to a phone. */
export const DOWNLOADS_CHART_LAYOUT: ChartLayout = { width: 720, height: 300, margin: { top: 14, right: 14, bottom: 30, left: 58 } };

/** A linear map from `domain` to `range` (either may run backwards). A zero-width domain maps to the start of the range. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  if (span === 0) return () => r0;
  return (value) => r0 + ((value - d0) / span) * (r1 - r0);
}

/**
 * Axis ticks from 0 up to a "nice" maximum at or above `max`: steps of 1, 2,
 * 2.5 or 5 times a power of ten, about `target` of them, never fractional
 * (downloads are whole). `max <= 0` gives a 0..1 axis, so an empty chart
 * still has a scale.
 */
export function niceTicks(max: number, target = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / Math.max(1, target);
  const power = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / power;
  // 2.5 only where it gives whole steps (25, 250…), not 2.5 downloads.
  const factor = [1, 2, 2.5, 5, 10].find((f) => residual <= f && Number.isInteger(f * power)) ?? 10;
  const step = Math.max(1, factor * power);
  const count = Math.ceil(max / step - 1e-9);
  return Array.from({ length: count + 1 }, (_, i) => Math.round(i * step));
}

/** Stacks series bottom-up: each gets the running total below it (`lower`) and with it (`upper`). */
export function stackSeries(series: readonly (readonly number[])[]): { lower: number[]; upper: number[] }[] {
  const length = Math.max(0, ...series.map((s) => s.length));
  let base: number[] = new Array<number>(length).fill(0);
  return series.map((s) => {
    const lower = base;
    const upper = lower.map((b, i) => b + (s[i] ?? 0));
    base = upper;
    return { lower, upper };
  });
}

const r = (value: number): string => String(Math.round(value * 10) / 10);

/** A closed area between two lines over the same x positions: along `upper` left to right, back along `lower`. */
export function areaPath(xs: readonly number[], lower: readonly number[], upper: readonly number[]): string {
  if (xs.length === 0) return "";
  const top = xs.map((x, i) => `${r(x)},${r(upper[i]!)}`);
  const bottom = xs.map((x, i) => `${r(x)},${r(lower[i]!)}`).reverse();
  return `M${top.join("L")}L${bottom.join("L")}Z`;
}

/** A polyline through the points that have a value; a null breaks the line (a new `M`). */
export function linePath(xs: readonly number[], ys: readonly (number | null)[]): string {
  let path = "";
  let drawing = false;
  xs.forEach((x, i) => {
    const y = ys[i];
    if (y === null || y === undefined) {
      drawing = false;
      return;
    }
    path += `${drawing ? "L" : "M"}${r(x)},${r(y)}`;
    drawing = true;
  });
  return path;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface MonthSegment {
  /** Index of the segment's first and last day in `days`. */
  start: number;
  end: number;
  /** "Oct"; the year is added to the first labelled segment and to January ("Sep 2026"). Empty for segments too short to label. */
  label: string;
}

/**
 * The calendar months a run of consecutive days (`YYYY-MM-DD`, oldest first)
 * covers. Segments shorter than `minDays` (a window starting on the 29th)
 * get no label, so labels never crowd each other.
 */
export function monthSegments(days: readonly string[], minDays = 8): MonthSegment[] {
  const segments: (MonthSegment & { month: string })[] = [];
  days.forEach((day, i) => {
    const month = day.slice(0, 7);
    const last = segments.at(-1);
    if (last && last.month === month) last.end = i;
    else segments.push({ month, start: i, end: i, label: "" });
  });
  let labelled = 0;
  return segments.map(({ month, start, end }) => {
    if (end - start + 1 < minDays) return { start, end, label: "" };
    const [year, mm] = month.split("-");
    const name = MONTHS[Number(mm) - 1] ?? mm!;
    const label = labelled === 0 || mm === "01" ? `${name} ${year}` : name;
    labelled++;
    return { start, end, label };
  });
}

export interface DownloadsChartGeometry {
  width: number;
  height: number;
  plot: { left: number; top: number; right: number; bottom: number };
  /** Horizontal grid lines with their values (label them with formatCount). */
  yTicks: { value: number; y: number }[];
  /** Vertical lines where a month begins (inside the plot). */
  monthLines: number[];
  /** Month labels, centred under their part of the window. */
  monthLabels: { x: number; label: string }[];
  /** One closed path per series, stacked in the order given (the first at the bottom). */
  areas: string[];
  /** The average line (gaps where it is null). */
  averageLine: string;
}

/**
 * Everything the downloads chart draws: `series` are the stacked daily
 * figures (each as long as `days`), `average` the line drawn over them.
 */
export function downloadsChartGeometry(
  input: { days: readonly string[]; series: readonly (readonly number[])[]; average: readonly (number | null)[] },
  layout: ChartLayout = DOWNLOADS_CHART_LAYOUT,
): DownloadsChartGeometry {
  const { width, height, margin } = layout;
  const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom };
  const n = input.days.length;
  const xOf = n > 1 ? linearScale([0, n - 1], [plot.left, plot.right]) : () => (plot.left + plot.right) / 2;
  const xs = Array.from({ length: n }, (_, i) => xOf(i));

  const stacked = stackSeries(input.series);
  const peak = Math.max(0, ...(stacked.at(-1)?.upper ?? []), ...input.average.map((v) => v ?? 0));
  const ticks = niceTicks(peak);
  const yOf = linearScale([0, ticks.at(-1)!], [plot.bottom, plot.top]);

  const segments = monthSegments(input.days);
  // A day's point sits at its x; a month starts half a day before its first point.
  const halfDay = n > 1 ? (plot.right - plot.left) / (n - 1) / 2 : 0;
  return {
    width,
    height,
    plot,
    yTicks: ticks.map((value) => ({ value, y: Math.round(yOf(value) * 10) / 10 })),
    monthLines: segments.filter((s) => s.start > 0).map((s) => Math.round((xs[s.start]! - halfDay) * 10) / 10),
    monthLabels: segments
      .filter((s) => s.label)
      .map((s) => ({ x: Math.round(((xs[s.start]! + xs[s.end]!) / 2) * 10) / 10, label: s.label })),
    areas: stacked.map(({ lower, upper }) => areaPath(xs, lower.map(yOf), upper.map(yOf))),
    averageLine: linePath(
      xs,
      input.average.map((v) => (v === null ? null : yOf(v))),
    ),
  };
}
