import type { PrismaClient } from "../generated/prisma/client";
import { anyCategory, queryCategorySummaries, type CategorySummary } from "./category-summary";

export type { CategorySummary } from "./category-summary";

/** Every category with its crate count, sorted by name (subcategories follow their parent). */
export function listCategories(db: PrismaClient): Promise<CategorySummary[]> {
  return queryCategorySummaries(db, anyCategory);
}
