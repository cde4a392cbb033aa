import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { queryCategorySummaries, type CategorySummary } from "./category-summary";

export interface CategoryDetail extends CategorySummary {
  /** The parent category of a subcategory (`a::b` → `a`), when we have it. */
  parent: { slug: string; name: string } | null;
  /** Direct subcategories (`slug::x`, not `slug::x::y`), sorted by name. */
  subcategories: CategorySummary[];
}

/** A category by its slug (as on crates.io, e.g. `web-programming::http-server`), or null. */
export async function getCategory(db: PrismaClient, slug: string): Promise<CategoryDetail | null> {
  const wanted = slug.trim().toLowerCase();
  if (!wanted) return null;
  const parentSlug = wanted.includes("::") ? wanted.slice(0, wanted.lastIndexOf("::")) : null;
  const [tree, parent] = await Promise.all([
    queryCategorySummaries(db, Prisma.sql`p.slug = ${wanted} OR starts_with(p.slug, ${`${wanted}::`})`),
    parentSlug ? db.category.findUnique({ where: { slug: parentSlug }, select: { slug: true, name: true } }) : null,
  ]);
  const self = tree.find((c) => c.slug === wanted);
  if (!self) return null;
  const depth = wanted.split("::").length + 1;
  return {
    ...self,
    parent,
    subcategories: tree.filter((c) => c.slug.split("::").length === depth),
  };
}
