import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";

export interface UsageReportView {
  id: number;
  project: string;
  lockfileVersion: number;
  packageCount: number;
  /** Registry crates (name and version pairs) counted. */
  crates: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface OwnUsage {
  reports: UsageReportView[];
  /** Whether the user's public page lists the crates of these reports. */
  shareUsage: boolean;
}

/** The signed-in user's usage reports, most recently uploaded first. */
export async function listUsageReports(db: PrismaClient, actor: Actor | null): Promise<OwnUsage> {
  const user = requireActor(actor, "see your usage reports");
  const [rows, account] = await Promise.all([
    db.usageReport.findMany({
      where: { userId: user.id },
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      include: { _count: { select: { crates: true } } },
    }),
    db.user.findUnique({ where: { id: user.id }, select: { shareUsage: true } }),
  ]);
  return {
    shareUsage: account?.shareUsage ?? false,
    reports: rows.map((row) => ({
      id: row.id,
      project: row.project,
      lockfileVersion: row.lockfileVersion,
      packageCount: row.packageCount,
      crates: row._count.crates,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    })),
  };
}
