import type { PrismaClient } from "../generated/prisma/client";
import { crateRankOrder, crateSummarySelect, toCrateSummary, type CrateSummary } from "./crate-summary";

/** The most depended-on crates (then most downloaded), leaving out crates with every version yanked. */
export async function listPopularCrates(db: PrismaClient, limit = 10): Promise<CrateSummary[]> {
  const rows = await db.crate.findMany({
    where: { allYanked: false, removedAt: null },
    select: crateSummarySelect,
    orderBy: crateRankOrder,
    take: limit,
  });
  return rows.map(toCrateSummary);
}
