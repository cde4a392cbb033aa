import { Prisma, type PrismaClient } from "../generated/prisma/client";

export interface CategorySummary {
  id: number;
  slug: string;
  /** Display name; subcategories read `Parent::Child`. */
  name: string;
  description: string;
  /**
   * Crates filed in the category or any of its subcategories, counted once,
   * leaving out crates with every version yanked (as crates.io counts them).
   */
  crateCount: number;
}

interface CategoryRow {
  id: number;
  slug: string;
  name: string;
  description: string;
  crate_count: bigint;
}

/** Category summaries matching `where` (a condition on `p`, the category), sorted by name. */
export async function queryCategorySummaries(db: PrismaClient, where: Prisma.Sql): Promise<CategorySummary[]> {
  const rows = await db.$queryRaw<CategoryRow[]>`
    SELECT p.id, p.slug, p.name, p.description,
      (SELECT count(DISTINCT cc.crate_id)
         FROM crate_categories cc
         JOIN categories c ON c.id = cc.category_id
         JOIN crates cr ON cr.id = cc.crate_id
        WHERE (c.id = p.id OR starts_with(c.slug, p.slug || '::')) AND NOT cr.all_yanked AND cr.removed_at IS NULL) AS crate_count
    FROM categories p
    WHERE ${where}
    ORDER BY p.name, p.slug`;
  return rows.map((row) => ({
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    crateCount: Number(row.crate_count),
  }));
}

/** Prisma condition for crates filed in the category `slug` or one of its subcategories. */

export const anyCategory: Prisma.Sql = Prisma.sql`TRUE`;
