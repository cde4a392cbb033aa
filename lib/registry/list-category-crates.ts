import type { PrismaClient } from "../generated/prisma/client";
import { inCategoryTree } from "./category-summary";
import type { CrateSummary } from "./crate-summary";
import { listRankedCrates } from "./list-ranked-crates";
import type { PageRequest, Paginated } from "./pagination";

/**
 * Crates in a category or its subcategories, most depended-on first, then most
 * downloaded; crates with every version yanked are left out.
 */
export function listCategoryCrates(db: PrismaClient, slug: string, request: PageRequest): Promise<Paginated<CrateSummary>> {
  return listRankedCrates(db, { allYanked: false, removedAt: null, ...inCategoryTree(slug) }, request);
}
