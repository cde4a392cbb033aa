import type { PrismaClient } from "../generated/prisma/client";
import { semverSortKey } from "../registry/semver-sort-key";

export interface CrateUsage {
  /** Usage reports (projects) containing the crate. */
  projects: number;
  /** Distinct people who reported them. */
  people: number;
  /** Versions in use, newest first, with how many projects use each. */
  versions: { version: string; projects: number }[];
  /** Crates most often in the same projects, with how many projects have both. */
  together: { name: string; projects: number }[];
}

const versionsShown = 12;
const togetherShown = 8;

/**
 * What users' uploaded Cargo.lock files say about a crate (name_lower): how
 * many projects and people use it, which versions, and what else those
 * projects use most. Only crates the registry has are named in `together`.
 */
export async function getCrateUsage(db: PrismaClient, nameLower: string): Promise<CrateUsage> {
  const [counts, versions, together] = await Promise.all([
    db.$queryRaw<{ projects: bigint; people: bigint }[]>`
      SELECT count(DISTINCT ur.id) AS projects, count(DISTINCT ur.user_id) AS people
      FROM usage_report_crates uc JOIN usage_reports ur ON ur.id = uc.report_id
      WHERE uc.name_lower = ${nameLower}`,
    db.$queryRaw<{ version: string; projects: bigint }[]>`
      SELECT uc.version, count(DISTINCT uc.report_id) AS projects
      FROM usage_report_crates uc WHERE uc.name_lower = ${nameLower}
      GROUP BY uc.version`,
    db.$queryRaw<{ name: string; projects: bigint }[]>`
      SELECT c.name, count(DISTINCT other.report_id) AS projects
      FROM usage_report_crates mine
      JOIN usage_report_crates other ON other.report_id = mine.report_id AND other.name_lower <> mine.name_lower
      JOIN crates c ON c.name_lower = other.name_lower AND c.removed_at IS NULL
      WHERE mine.name_lower = ${nameLower}
      GROUP BY c.name
      ORDER BY projects DESC, c.name ASC
      LIMIT ${togetherShown}`,
  ]);
  const byNewest = versions
    .map((row) => ({ version: row.version, projects: Number(row.projects), key: semverSortKey(row.version).key }))
    // Sort keys compare bytewise (COLLATE "C"), so no locale comparison here.
    .sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0))
    .slice(0, versionsShown)
    .map(({ version, projects }) => ({ version, projects }));
  return {
    projects: Number(counts[0]?.projects ?? 0),
    people: Number(counts[0]?.people ?? 0),
    versions: byNewest,
    together: together.map((row) => ({ name: row.name, projects: Number(row.projects) })),
  };
}
