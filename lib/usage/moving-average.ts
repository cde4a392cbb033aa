/**
 * The trailing mean of `window` values at each position: the value and the
 * `window - 1` before it. Null where fewer than `window` values precede
 * (the first `window - 1` positions), so a chart never draws an average of a
 * partial week as if it were a full one.
 */
export function movingAverage(values: readonly number[], window = 7): (number | null)[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a whole number ≥ 1, got ${window}`);
  const out: (number | null)[] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i]!;
    if (i >= window) sum -= values[i - window]!;
    out.push(i >= window - 1 ? sum / window : null);
  }
  return out;
}
