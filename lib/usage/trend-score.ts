// The trending score: damped growth of downloads between two 28-day periods.
// The same formula runs in SQL in refresh-download-trends.ts (built from these
// constants) and here, for tests and the README's examples; a database test
// checks that the two agree. Why this shape: lib/usage/README.md.

/** Days in each compared period: the last 28 days of the registry's window, and the 28 before them. */
export const TREND_PERIOD_DAYS = 28;

/** Fewer recent downloads than this: score 0, not listed as trending (too few to tell growth from noise). */
export const TREND_MIN_RECENT = 500;

/** Pseudo-count added to both periods before taking the ratio: damps the growth of small numbers. */
export const TREND_PSEUDO_COUNT = 500;

/** Recent downloads at which the growth counts in full; below it the confidence rises with log(recent). */
export const TREND_FULL_CONFIDENCE = 50_000;

/**
 * score = ln((recent + K) / (previous + K)) × confidence, where
 * confidence = min(1, ln(recent / MIN) / ln(FULL / MIN)): 0 at the minimum,
 * 1 from FULL recent downloads up. 0 below the minimum.
 */
export function trendScore(recent: number, previous: number): number {
  if (!(recent >= TREND_MIN_RECENT)) return 0;
  const growth = Math.log((recent + TREND_PSEUDO_COUNT) / (previous + TREND_PSEUDO_COUNT));
  const confidence = Math.min(1, Math.log(recent / TREND_MIN_RECENT) / Math.log(TREND_FULL_CONFIDENCE / TREND_MIN_RECENT));
  return growth * confidence;
}

/** The same score in SQL over two bigint expressions (numbers only are interpolated: safe to embed). */
export function trendScoreSql(recent: string, previous: string): string {
  return `CASE WHEN ${recent} < ${TREND_MIN_RECENT} THEN 0::float8
    ELSE ln((${recent} + ${TREND_PSEUDO_COUNT})::float8 / (${previous} + ${TREND_PSEUDO_COUNT}))
       * least(1::float8, ln(${recent}::float8 / ${TREND_MIN_RECENT}) / ln(${TREND_FULL_CONFIDENCE}::float8 / ${TREND_MIN_RECENT})) END`;
}

/** Relative growth for display: 0.4 for +40%; null when there were no downloads before (a new crate). */
export function growthRatio(recent: number, previous: number): number | null {
  return previous > 0 ? (recent - previous) / previous : null;
}
