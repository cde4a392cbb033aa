import { formatNumber } from "../registry/format";
import { TREND_PERIOD_DAYS } from "./trend-score";

/** Growth as a signed percentage: 1.4 → "+140%", 0.0154 → "+1.5%", -0.25 → "−25%"; null (nothing before) → "new". */
export function formatGrowth(growth: number | null): string {
  if (growth === null) return "new";
  const percent = growth * 100;
  const magnitude = Math.abs(percent);
  const shown = magnitude < 9.95 ? String(Math.round(magnitude * 10) / 10) : formatNumber(magnitude);
  if (shown === "0") return "±0%";
  return `${percent < 0 ? "−" : "+"}${shown}%`;
}

/** "12,300 → 29,520 downloads in 28 days": the previous period, then the recent one. */
export function formatPeriods({ recent, previous }: { recent: number; previous: number }): string {
  return `${formatNumber(previous)} → ${formatNumber(recent)} downloads in ${TREND_PERIOD_DAYS} days`;
}

/** "+140% · 12,300 → 29,520 downloads in 28 days": the line a trending crate is listed with. */
export function formatTrend(trend: { recent: number; previous: number; growth: number | null }): string {
  return `${formatGrowth(trend.growth)} · ${formatPeriods(trend)}`;
}
