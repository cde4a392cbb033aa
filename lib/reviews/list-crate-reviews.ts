import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { hasRole } from "../auth/roles";
import { crateKey } from "./find-crate";
import { loadReviewViews, withoutBody } from "./load-review-views";
import type { ReviewView } from "./review-views";

export const reviewSorts = ["helpful", "recent", "highest", "lowest"] as const;
export type ReviewSort = (typeof reviewSorts)[number];

export const defaultReviewsPerPage = 10;
export const maxReviewsPerPage = 50;

// Fixed fragments (never user text). Ties fall to the most recently saved.
const orderBy: Record<ReviewSort, Prisma.Sql> = {
  helpful: Prisma.sql`helpful DESC, r.updated_at DESC, r.id DESC`,
  recent: Prisma.sql`r.updated_at DESC, r.id DESC`,
  highest: Prisma.sql`r.overall DESC, helpful DESC, r.updated_at DESC, r.id DESC`,
  lowest: Prisma.sql`r.overall ASC, helpful DESC, r.updated_at DESC, r.id DESC`,
};

/** A page number or size from a URL: a positive integer, else `fallback`. */
export function positiveInt(value: unknown, fallback: number): number {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 1 ? Math.floor(n) : fallback;
}

/** Who sees hidden reviews: moderators all of them, an author their own. */
export function visibleTo(viewer: Actor | null): Prisma.Sql {
  if (hasRole(viewer, "moderator")) return Prisma.sql`TRUE`;
  if (viewer) return Prisma.sql`(r.status = 'published' OR r.user_id = ${viewer.id})`;
  return Prisma.sql`r.status = 'published'`;
}

/**
 * A page of a crate's reviews. Sorted by helpfulness (weighted votes), by
 * recency (last saved), or by overall rating (highest or lowest first).
 * Everyone sees published reviews; moderators also see hidden ones and an
 * author their own hidden review, each with `status: "hidden"`. perPage
 * defaults to 10 and is capped at 50; a page past the end is empty.
 */
export async function listCrateReviews(
  db: PrismaClient,
  crateName: string,
  options: { sort: ReviewSort; page: number; perPage?: number; viewer: Actor | null },
): Promise<{ reviews: ReviewView[]; total: number; page: number; perPage: number }> {
  const key = await crateKey(db, crateName);
  const sort = reviewSorts.includes(options.sort) ? options.sort : "helpful";
  const page = positiveInt(options.page, 1);
  const perPage = Math.min(maxReviewsPerPage, positiveInt(options.perPage, defaultReviewsPerPage));
  const visible = visibleTo(options.viewer);

  const [ids, [count]] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`
      SELECT r.id FROM reviews r
      LEFT JOIN LATERAL (SELECT coalesce(sum(v.weight), 0) AS helpful FROM review_votes v WHERE v.review_id = r.id) h ON TRUE
      WHERE r.crate_name = ${key} AND ${visible}
      ORDER BY ${orderBy[sort]}
      LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM reviews r WHERE r.crate_name = ${key} AND ${visible}`,
  ]);
  const reviews = withoutBody(await loadReviewViews(db, ids.map((row) => row.id), options.viewer?.id ?? null));
  return { reviews, total: count?.total ?? 0, page, perPage };
}
