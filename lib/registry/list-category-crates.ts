import type { PrismaClient } from "../generated/prisma/client";
import { inCategoryTree } from "./category-summary";
import { crateRankOrder, crateSummarySelect, toCrateSummary, type CrateSummary } from "./crate-summary";
import { pageOffset, type PageRequest, type Paginated } from "./pagination";

/**
 * Crates in a category or its subcategories, most depended-on first, then most
 * downloaded; crates with every version yanked are left out.
 */
export async function listCategoryCrates(
  db: PrismaClient,
  slug: string,
  request: PageRequest,
): Promise<Paginated<CrateSummary>> {
  const where = { allYanked: false, ...inCategoryTree(slug) };
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
