/**
 * The helpful score as people read it. Votes are weighted (new accounts' and
 * lockstep votes count less), so the sum is often fractional: up to two
 * decimals, none when whole.
 */
export function formatHelpful(helpful: number): string {
  const rounded = Math.round(helpful * 100) / 100;
  if (rounded <= 0) return "No helpful votes yet";
  return `Helpful score ${rounded}`;
}

/** Why the score is not a plain count, for a tooltip. */
export const helpfulExplanation = "The sum of helpful votes, weighted: votes from new accounts count less.";
