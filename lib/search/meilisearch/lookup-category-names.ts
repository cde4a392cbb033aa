import type { PrismaClient } from "../../generated/prisma/client";
import type { CategoryNames } from "./meilisearch-search-backend";

/** Category names from PostgreSQL, for the Meilisearch backend's facet labels (a few rows by unique slug). */
export function lookupCategoryNames(db: PrismaClient): CategoryNames {
  return async (slugs) => {
    const rows = await db.category.findMany({ where: { slug: { in: slugs } }, select: { slug: true, name: true } });
    return new Map(rows.map((row) => [row.slug, row.name]));
  };
}
