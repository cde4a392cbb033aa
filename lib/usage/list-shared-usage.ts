import type { PrismaClient } from "../generated/prisma/client";

export interface SharedUsage {
  projects: number;
  /** Crates in the user's reports, by name, with the registry's published name when known. */
  crates: { name: string; known: boolean; projects: number }[];
}

/**
 * What a user's public page shows of their usage: null unless they opted in
 * (users.share_usage). Project names are never shown, only crates and counts.
 */
export async function listSharedUsage(db: PrismaClient, userId: string): Promise<SharedUsage | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { shareUsage: true } });
  if (!user?.shareUsage) return null;
  const [projects, crates] = await Promise.all([
    db.usageReport.count({ where: { userId } }),
    db.$queryRaw<{ name: string | null; name_lower: string; projects: bigint }[]>`
      SELECT c.name, uc.name_lower, count(DISTINCT uc.report_id) AS projects
      FROM usage_report_crates uc
      JOIN usage_reports ur ON ur.id = uc.report_id
      LEFT JOIN crates c ON c.name_lower = uc.name_lower AND c.removed_at IS NULL
      WHERE ur.user_id = ${userId}
      GROUP BY uc.name_lower, c.name
      ORDER BY uc.name_lower`,
  ]);
  return {
    projects,
    crates: crates.map((row) => ({ name: row.name ?? row.name_lower, known: row.name !== null, projects: Number(row.projects) })),
  };
}
