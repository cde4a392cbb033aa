import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { crateRankOrder, crateSummarySelect, toCrateSummary, type CrateSummary } from "./crate-summary";
import { pageOffset, type PageRequest, type Paginated } from "./pagination";

/** One page of the crates matching `where`, best first (see crateRankOrder), with the total. */
export async function listRankedCrates(
  db: PrismaClient,
  where: Prisma.CrateWhereInput,
  request: PageRequest,
): Promise<Paginated<CrateSummary>> {
  const [total, rows] = await Promise.all([
    db.crate.count({ where }),
    db.crate.findMany({
      where,
      select: crateSummarySelect,
      orderBy: crateRankOrder,
      skip: pageOffset(request),
      take: request.perPage,
    }),
  ]);
  return { total, page: request.page, perPage: request.perPage, items: rows.map(toCrateSummary) };
}
