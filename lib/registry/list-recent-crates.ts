import type { PrismaClient } from "../generated/prisma/client";
import { crateSummarySelect, toCrateSummary, type CrateSummary } from "./crate-summary";

/** Recently updated crates, newest first, leaving out crates with every version yanked. */
export async function listRecentCrates(db: PrismaClient, limit = 10): Promise<CrateSummary[]> {
  const rows = await db.crate.findMany({
    where: { allYanked: false, removedAt: null, updatedAt: { not: null } },
    select: crateSummarySelect,
    orderBy: [{ updatedAt: "desc" }, { name: "asc" }],
    take: limit,
  });
  return rows.map(toCrateSummary);
}
