// Short numbers for progress output: at most three significant digits and a
// suffix, so a redrawn line keeps roughly the same width as values grow.

/** `1234.5` → `"1.2k"`, `303_291` → `"303k"`, `3_400_000` → `"3.4M"`; integers under 1000 stay exact. */
export function humanNumber(value: number): string {
  return scaled(value, 1000, ["", "k", "M", "G", "T"], "");
}

/** Decimal (SI) byte sizes: `12_300_000` → `"12.3 MB"`. */
export function humanBytes(bytes: number): string {
  return scaled(bytes, 1000, ["B", "kB", "MB", "GB", "TB"], " ");
}

/** `humanRate(303_291, "rows")` → `"303k rows/s"`; unit "bytes" gives `"12.3 MB/s"`; no unit gives `"1.2k/s"`. */
export function humanRate(perSecond: number, unit = ""): string {
  if (unit === "bytes") return `${humanBytes(perSecond)}/s`;
  return `${humanNumber(perSecond)}${unit ? ` ${unit}` : ""}/s`;
}

function scaled(value: number, base: number, suffixes: string[], gap: string): string {
  if (!Number.isFinite(value)) return "?";
  let v = value;
  let i = 0;
  // Scale on the rounded text, so 999.7 becomes "1.0k" rather than "1000".
  while (i < suffixes.length - 1 && Math.abs(Number(digits(v, i === 0))) >= 1000) {
    v /= base;
    i++;
  }
  return `${digits(v, i === 0)}${gap}${suffixes[i]}`;
}

function digits(v: number, unscaled: boolean): string {
  if (unscaled && Number.isInteger(v)) return String(v);
  return Math.abs(Number(v.toFixed(1))) < 100 ? v.toFixed(1) : v.toFixed(0);
}
