import type { ViewScope } from "../curation/current-view";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { CrateSummary } from "./crate-summary";
import { listRankedCrates, type ViewPage } from "./list-ranked-crates";
import type { PageRequest } from "./pagination";

/**
 * Crates in a category or its subcategories, most depended-on first, then most
 * downloaded; crates with every version yanked are left out.
 */
export function listCategoryCrates(db: PrismaClient, slug: string, request: PageRequest, view: ViewScope | null = null): Promise<ViewPage<CrateSummary>> {
  const inTree = Prisma.sql`EXISTS (SELECT 1 FROM crate_categories x JOIN categories g ON g.id = x.category_id
    WHERE x.crate_id = c.id AND (g.slug = ${slug} OR starts_with(g.slug, ${`${slug}::`})))`;
  return listRankedCrates(db, inTree, request, view);
}
