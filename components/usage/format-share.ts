/**
 * A share (0..1) as a whole percentage that never overstates the ends:
 * "100%" only when it is all, "0%" only when it is none ("99%", "<1%" near them).
 */
export function formatShare(share: number): string {
  if (share >= 1) return "100%";
  if (share <= 0) return "0%";
  const percent = Math.round(share * 100);
  if (percent >= 100) return "99%";
  if (percent < 1) return "<1%";
  return `${percent}%`;
}
