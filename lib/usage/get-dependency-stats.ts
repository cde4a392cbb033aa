import type { PrismaClient } from "../generated/prisma/client";
import { compareLinesNewestFirst, lineContains } from "./cargo-req-line";
import type { TogetherEntry } from "./dependency-graph";

// The dependency figures of one crate, as refresh-dependency-stats.ts last
// computed them (after each ingest; registry-wide, whatever view a page applies).

export interface DependentLineCount {
  /** A release line ("1", "0.9", "0.0.3"), "*" for requirements unbounded above, wider lines "0" / "0.0", "?" unreadable. */
  line: string;
  count: number;
}

export interface DependencyStatsView {
  /** Crates depending on this one directly or through others. */
  transitiveDependents: number;
  /** Direct dependents (the sum of `lines`). */
  directDependents: number;
  /** Direct dependents by the line their requirement selects, newest line first. */
  lines: DependentLineCount[];
  /** The line of the crate's default version; null for a crate without versions. */
  latestLine: string | null;
  /** Share (0..1) of direct dependents whose requirement accepts latestLine; null without dependents. */
  latestShare: number | null;
  /** Crates most often depended on beside this one by its dependents, best first. */
  together: TogetherEntry[];
  computedAt: Date;
}

/**
 * Share of the dependents in `lines` whose requirement accepts `latestLine`:
 * its own line, "*", or a wider line around it ("0" accepts 0.9). Null when
 * there are no dependents or no latest line.
 */
export function latestLineShare(lines: readonly DependentLineCount[], latestLine: string | null): number | null {
  let total = 0;
  let accepting = 0;
  for (const { line, count } of lines) {
    total += count;
    if (latestLine !== null && lineContains(line, latestLine)) accepting += count;
  }
  return total === 0 || latestLine === null ? null : accepting / total;
}

function toLines(value: unknown): DependentLineCount[] {
  if (!value || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>)
    .filter((entry): entry is [string, number] => typeof entry[1] === "number")
    .map(([line, count]) => ({ line, count }))
    .sort((a, b) => compareLinesNewestFirst(a.line, b.line));
}

function toTogether(value: unknown): TogetherEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (t): t is TogetherEntry =>
      typeof t === "object" && t !== null && typeof t.name === "string" && typeof t.count === "number" && typeof t.lift === "number",
  );
}

/** The crate's dependency figures; null until the first refresh after the crate arrived. */
export async function getDependencyStats(db: PrismaClient, crateId: number): Promise<DependencyStatsView | null> {
  const row = await db.crateDependencyStats.findUnique({ where: { crateId } });
  if (!row) return null;
  const lines = toLines(row.dependentLines);
  return {
    transitiveDependents: row.transitiveDependents,
    directDependents: lines.reduce((sum, l) => sum + l.count, 0),
    lines,
    latestLine: row.latestLine,
    latestShare: latestLineShare(lines, row.latestLine),
    together: toTogether(row.together),
    computedAt: row.computedAt,
  };
}
