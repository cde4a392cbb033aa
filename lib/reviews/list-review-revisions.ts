import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { hasRole } from "../auth/roles";
import { UserError } from "../user-error";
import { renderReviewMarkdown } from "./render-review-markdown";
import { reviewIdSchema } from "./parse-input";
import { criteria, type Ratings } from "./review-views";

export interface ReviewRevisionView {
  id: number;
  version: string;
  /** Markdown as saved. */
  body: string;
  /** The same body rendered and sanitized, safe to insert as is. */
  bodyHtml: string;
  ratings: Ratings & { experience: string };
  createdAt: Date;
}

/**
 * Every saved state of a review, newest first (the last one is the review as
 * first written). A hidden review's history is shown only to its author and
 * moderators; to anyone else it is a 404, like a review that does not exist.
 */
export async function listReviewRevisions(db: PrismaClient, reviewId: unknown, viewer: Actor | null): Promise<ReviewRevisionView[]> {
  const id = reviewIdSchema.safeParse(reviewId);
  const notFound = new UserError("not_found", "That review does not exist or was hidden by a moderator.");
  if (!id.success) throw notFound;
  const review = await db.review.findUnique({ where: { id: id.data }, select: { userId: true, status: true } });
  if (!review) throw notFound;
  if (review.status !== "published" && viewer?.id !== review.userId && !hasRole(viewer, "moderator")) throw notFound;

  const revisions = await db.reviewRevision.findMany({ where: { reviewId: id.data }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return revisions.map((revision) => ({
    id: revision.id,
    version: revision.version,
    body: revision.body,
    bodyHtml: renderReviewMarkdown(revision.body),
    ratings: savedRatings(revision.ratings),
    createdAt: revision.createdAt,
  }));
}

/** review_revisions.ratings as save-review.ts writes it. */
function savedRatings(json: unknown): Ratings & { experience: string } {
  const saved = (json ?? {}) as Record<string, unknown>;
  const rating = (value: unknown) => (typeof value === "number" ? value : null);
  const ratings = Object.fromEntries(criteria.map((c) => [c, rating(saved[c])])) as Ratings;
  return { ...ratings, overall: rating(saved.overall) ?? 0, experience: typeof saved.experience === "string" ? saved.experience : "" };
}
