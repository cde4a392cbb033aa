import type { Review } from "../generated/prisma/client";
import type { Db } from "./db-types";
import { verifiedPairs } from "../usage/verified-users";
import { displayName } from "./display-name";
import type { Ratings, ReviewView } from "./review-views";

/** Helpfulness is a sum of float weights; rounded so 0.1 + 0.2 reads 0.3. */
export function roundHelpful(sum: number): number {
  return Math.round(sum * 1000) / 1000;
}

export function ratingsOf(review: Pick<Review, "overall" | "documentation" | "apiDesign" | "reliability" | "maintenance" | "security" | "performance">): Ratings {
  return {
    overall: review.overall,
    documentation: review.documentation,
    apiDesign: review.apiDesign,
    reliability: review.reliability,
    maintenance: review.maintenance,
    security: review.security,
    performance: review.performance,
  };
}

/** Weighted helpful votes of each review. */
export async function helpfulness(db: Db, reviewIds: number[]): Promise<Map<number, number>> {
  if (reviewIds.length === 0) return new Map();
  const sums = await db.reviewVote.groupBy({ by: ["reviewId"], where: { reviewId: { in: reviewIds } }, _sum: { weight: true } });
  return new Map(sums.map((s) => [s.reviewId, roundHelpful(s._sum.weight ?? 0)]));
}

/**
 * The views of reviews, in the order of `ids` (missing ids are skipped), with
 * helpfulness, whether `viewerId` voted, and the crate's published name.
 * Visibility is the caller's business.
 */
export async function loadReviewViews(db: Db, ids: number[], viewerId: string | null): Promise<(ReviewView & { body: string })[]> {
  if (ids.length === 0) return [];
  const rows = await db.review.findMany({
    where: { id: { in: ids } },
    include: { user: { select: { id: true, name: true } }, _count: { select: { revisions: true } } },
  });
  const [helpful, viewerVotes, crates, verified] = await Promise.all([
    helpfulness(db, ids),
    viewerId ? db.reviewVote.findMany({ where: { reviewId: { in: ids }, userId: viewerId }, select: { reviewId: true } }) : [],
    db.crate.findMany({ where: { nameLower: { in: [...new Set(rows.map((r) => r.crateName))] } }, select: { name: true, nameLower: true } }),
    verifiedPairs(db, rows.map((r) => ({ userId: r.userId, crateName: r.crateName }))),
  ]);
  const voted = new Set(viewerVotes.map((v) => v.reviewId));
  const crateNames = new Map(crates.map((c) => [c.nameLower, c.name]));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const views: (ReviewView & { body: string })[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue;
    views.push({
      id: row.id,
      crateName: crateNames.get(row.crateName) ?? row.crateName,
      version: row.version,
      author: { id: row.user.id, name: displayName(row.user) },
      body: row.body,
      bodyHtml: row.bodyHtml,
      ratings: ratingsOf(row),
      experience: row.experience,
      status: row.status,
      helpful: helpful.get(row.id) ?? 0,
      votedByViewer: voted.has(row.id),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      edited: row._count.revisions > 1,
      verifiedUser: verified.has(`${row.userId} ${row.crateName}`),
    });
  }
  return views;
}

/** Views without the Markdown source (lists show the rendered body only). */
export function withoutBody(views: (ReviewView & { body: string })[]): ReviewView[] {
  return views.map(({ body: _body, ...view }) => view);
}
