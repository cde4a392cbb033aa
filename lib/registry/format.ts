// Display formatting for registry numbers and dates. Pure and locale-fixed
// (English, UTC) so server output is the same on every machine and in tests.

const COMPACT_UNITS: ReadonlyArray<readonly [number, string]> = [
  [1e3, "K"],
  [1e6, "M"],
  [1e9, "B"],
  [1e12, "T"],
];

/** One decimal below 10 of a unit, none above. */
function roundScaled(scaled: number): number {
  return scaled < 9.95 ? Math.round(scaled * 10) / 10 : Math.round(scaled);
}

/**
 * Compact count: 999 → "999", 1234 → "1.2K", 12345 → "12K", 1250000 → "1.3M".
 * Never "1000K": a value that rounds up to 1000 of a unit takes the next unit.
 */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return "0";
  const sign = value < 0 ? "-" : "";
  const n = Math.abs(value);
  if (Math.round(n) < 1000) return sign + String(Math.round(n));
  let shown = "";
  for (const [size, suffix] of COMPACT_UNITS) {
    const rounded = roundScaled(n / size);
    shown = `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)}${suffix}`;
    if (rounded < 1000) break;
  }
  return sign + shown;
}

/** Full count with thousands separators: 1234567 → "1,234,567". */
export function formatNumber(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/** Calendar date in UTC: "2024-03-01". */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

const DAY_MS = 24 * 60 * 60 * 1000;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"} ago`;
}

/**
 * Relative date at day resolution: "today", "yesterday", "5 days ago",
 * "3 weeks ago", "2 months ago", "1 year ago". Dates after `now` (clock skew,
 * bad data) read "today".
 */
export function formatRelativeDate(date: Date, now: Date = new Date()): string {
  const days = Math.floor((startOfUtcDay(now) - startOfUtcDay(date)) / DAY_MS);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return plural(days, "day");
  if (days < 60) return plural(Math.floor(days / 7), "week");
  if (days < 365) return plural(Math.floor(days / 30.44), "month");
  return plural(Math.max(1, Math.floor(days / 365.25)), "year");
}

function startOfUtcDay(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** Byte size in binary units: 512 → "512 B", 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "0 B";
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? value.toFixed(1).replace(/\.0$/, "") : String(Math.round(value));
  return `${shown} ${units[unit]}`;
}
