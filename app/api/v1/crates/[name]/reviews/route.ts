import type { NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { internalError } from "@/lib/http/internal-error";
import { jsonError } from "@/lib/http/json-error";
import { getCrate } from "@/lib/registry/get-crate";
import { getCrateRatings } from "@/lib/reviews/get-crate-ratings";
import { defaultReviewsPerPage, listCrateReviews, maxReviewsPerPage, reviewSorts } from "@/lib/reviews/list-crate-reviews";
import { criteria, criterionKeys, type ReviewView } from "@/lib/reviews/review-views";

export const dynamic = "force-dynamic";

const MAX_PAGE = 1000;

const wholeNumber = (name: string, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number from 1 to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(1, `${name} must be at least 1`).max(max, `${name} must be at most ${max}`))
    .optional()
    .transform((v) => v ?? fallback);

const reviewsQuerySchema = z.object({
  page: wholeNumber("page", MAX_PAGE, 1),
  per_page: wholeNumber("per_page", maxReviewsPerPage, defaultReviewsPerPage),
  sort: z.enum(reviewSorts, { message: `sort must be one of: ${reviewSorts.join(", ")}` }).default("helpful"),
});

/** Ratings keyed the way the API spells criteria (snake_case); null where not rated. */
function ratingsJson(ratings: ReviewView["ratings"]): Record<string, number | null> {
  return Object.fromEntries(criteria.map((c) => [criterionKeys[c], ratings[c]]));
}

function reviewJson(review: ReviewView) {
  return {
    id: review.id,
    author: { id: review.author.id, name: review.author.name },
    version: review.version,
    experience: review.experience,
    ratings: ratingsJson(review.ratings),
    body_html: review.bodyHtml,
    helpful: review.helpful,
    edited: review.edited,
    verified_user: review.verifiedUser,
    created_at: review.createdAt.toISOString(),
    updated_at: review.updatedAt.toISOString(),
  };
}

/**
 * A crate's published reviews and rating aggregates, read-only and the same
 * for everyone (no viewer: hidden reviews never appear here).
 */
export async function GET(request: NextRequest, context: { params: Promise<{ name: string }> }): Promise<Response> {
  const name = decodeParam((await context.params).name);
  const params = request.nextUrl.searchParams;
  const param = (key: string) => params.get(key)?.trim() || undefined;
  const parsed = reviewsQuerySchema.safeParse({ page: param("page"), per_page: param("per_page"), sort: param("sort") });
  if (!parsed.success) return jsonError(400, parsed.error.issues.map((issue) => issue.message).join("; "));
  const { page, per_page: perPage, sort } = parsed.data;

  try {
    const db = getDb();
    const crate = await getCrate(db, name);
    if (!crate) return jsonError(404, `crate \`${name}\` not found`);
    const [ratings, list] = await Promise.all([
      getCrateRatings(db, crate.name),
      listCrateReviews(db, crate.name, { sort, page, perPage, viewer: null }),
    ]);
    return Response.json({
      crate: crate.name,
      ratings: {
        review_count: ratings.reviewCount,
        frozen_since: ratings.frozen?.since.toISOString() ?? null,
        // Every criterion, rated or not, so the shape never changes.
        criteria: Object.fromEntries(
          criteria.map((c) => {
            const a = ratings.criteria.find((aggregate) => aggregate.criterion === c);
            return [
              criterionKeys[c],
              a
                ? { count: a.count, mean: a.mean, score: a.score, histogram: a.histogram }
                : { count: 0, mean: null, score: null, histogram: [0, 0, 0, 0, 0] },
            ];
          }),
        ),
      },
      sort,
      page: list.page,
      per_page: list.perPage,
      total: list.total,
      reviews: list.reviews.map(reviewJson),
    });
  } catch (error) {
    return internalError({ route: "GET /api/v1/crates/[name]/reviews", name, page, sort }, error);
  }
}
