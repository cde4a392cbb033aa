import type { PrismaClient } from "../generated/prisma/client";
import { crateRankOrder, crateSummarySelect, toCrateSummary, type CrateSummary } from "./crate-summary";
import { pageOffset, type PageRequest, type Paginated } from "./pagination";

/**
 * Crates with a keyword, most depended-on first, then most downloaded; crates
 * with every version yanked are left out.
 */
export async function listKeywordCrates(
  db: PrismaClient,
  keywordId: number,
  request: PageRequest,
): Promise<Paginated<CrateSummary>> {
  const where = { allYanked: false, keywords: { some: { keywordId } } };
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
