import type { PrismaClient } from "../generated/prisma/client";
import type { CrateSummary } from "./crate-summary";
import { listRankedCrates } from "./list-ranked-crates";
import type { PageRequest, Paginated } from "./pagination";

/**
 * Crates with a keyword, most depended-on first, then most downloaded; crates
 * with every version yanked are left out.
 */
export function listKeywordCrates(db: PrismaClient, keywordId: number, request: PageRequest): Promise<Paginated<CrateSummary>> {
  return listRankedCrates(db, { allYanked: false, removedAt: null, keywords: { some: { keywordId } } }, request);
}
