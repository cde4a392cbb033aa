import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { displayName } from "./display-name";
import { positiveInt, visibleTo } from "./list-crate-reviews";
import { loadReviewViews, withoutBody } from "./load-review-views";
import type { ReviewView } from "./review-views";

export const userReviewsPerPage = 20;

/**
 * A user's reviews, most recently saved first, 20 a page, with who they are
 * (display name only, never the email). Hidden reviews as in listCrateReviews.
 * `user` is null when there is no such user.
 */
export async function listUserReviews(
  db: PrismaClient,
  userId: string,
  options: { page: number; viewer: Actor | null },
): Promise<{ user: { id: string; name: string; createdAt: Date } | null; reviews: ReviewView[]; total: number; page: number; perPage: number }> {
  const page = positiveInt(options.page, 1);
  const perPage = userReviewsPerPage;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, createdAt: true } });
  if (!user) return { user: null, reviews: [], total: 0, page, perPage };
  const visible = visibleTo(options.viewer);
  const [ids, [count]] = await Promise.all([
    db.$queryRaw<{ id: number }[]>`
      SELECT r.id FROM reviews r WHERE r.user_id = ${user.id} AND ${visible}
      ORDER BY r.updated_at DESC, r.id DESC LIMIT ${perPage} OFFSET ${(page - 1) * perPage}`,
    db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM reviews r WHERE r.user_id = ${user.id} AND ${visible}`,
  ]);
  const reviews = withoutBody(await loadReviewViews(db, ids.map((row) => row.id), options.viewer?.id ?? null));
  return { user: { id: user.id, name: displayName(user), createdAt: user.createdAt }, reviews, total: count?.total ?? 0, page, perPage };
}
