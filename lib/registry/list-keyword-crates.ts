import type { ViewScope } from "../curation/current-view";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { CrateSummary } from "./crate-summary";
import { listRankedCrates, type ViewPage } from "./list-ranked-crates";
import type { PageRequest } from "./pagination";

/**
 * Crates with a keyword, most depended-on first, then most downloaded; crates
 * with every version yanked are left out.
 */
export function listKeywordCrates(db: PrismaClient, keywordId: number, request: PageRequest, view: ViewScope | null = null): Promise<ViewPage<CrateSummary>> {
  const hasKeyword = Prisma.sql`EXISTS (SELECT 1 FROM crate_keywords x WHERE x.crate_id = c.id AND x.keyword_id = ${keywordId})`;
  return listRankedCrates(db, hasKeyword, request, view);
}
