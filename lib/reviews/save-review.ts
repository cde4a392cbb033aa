import { z } from "zod";
import { ReviewExperience, type PrismaClient, type Review } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import { UserError } from "../user-error";
import { actionWeight } from "./action-weight";
import type { Db } from "./db-types";
import { detectBurst } from "./detect-burst";
import { detectLockstep } from "./detect-lockstep";
import { findCrate } from "./find-crate";
import { loadReviewViews, ratingsOf, withoutBody } from "./load-review-views";
import { parseInput, ratingSchema } from "./parse-input";
import { enforceRateLimit } from "./rate-limit";
import { publishRatingChange } from "./publish-rating-change";
import { refreshCrateRatings } from "./refresh-crate-ratings";
import { renderReviewMarkdown } from "./render-review-markdown";
import { contextNow, type RequestContext } from "./request-context";
import { experienceLabels, type Ratings, type ReviewView } from "./review-views";
import { runTransaction } from "./run-transaction";

/** Longest review body, in characters after trimming. */
export const maxReviewLength = 20_000;

const experienceMessage = `Choose how well you know the crate: ${Object.values(experienceLabels)
  .map((label) => label.toLowerCase())
  .join(", ")}.`;

export const saveReviewSchema = z.object({
  crateName: z
    .string({ error: "Say which crate you are reviewing." })
    .trim()
    .min(1, "Say which crate you are reviewing.")
    .max(200, "No crate has a name that long."),
  version: z
    .string({ error: "Choose the version you used." })
    .trim()
    .min(1, "Choose the version you used.")
    .max(100, "No version number is that long."),
  body: z
    .string({ error: "Write your review." })
    .trim()
    .min(1, "Write your review: it cannot be empty.")
    .max(maxReviewLength, `Keep the review under ${maxReviewLength.toLocaleString("en")} characters.`)
    .refine((body) => !body.includes("\0"), "The review contains a NUL character; remove it."),
  experience: z.enum(ReviewExperience, { error: experienceMessage }),
  overall: ratingSchema("overall", "Give the crate an overall rating from 1 to 5."),
  documentation: ratingSchema("documentation"),
  apiDesign: ratingSchema("API design"),
  reliability: ratingSchema("reliability"),
  maintenance: ratingSchema("maintenance and responsiveness"),
  security: ratingSchema("security"),
  performance: ratingSchema("performance"),
});

type SaveReviewInput = z.infer<typeof saveReviewSchema>;

/**
 * Writes the actor's review of a crate: the first save creates it, later ones
 * edit it (one review per user per crate; the unique key decides). Every
 * saved state is also stored in review_revisions, the first included.
 * Resubmitting what is already saved changes nothing (no new revision).
 * After the write, in the same transaction: the burst check on the crate, the
 * lockstep check on the actor, and the crate's aggregates.
 */
export async function saveReview(
  db: PrismaClient,
  actor: Actor | null,
  input: unknown,
  context: RequestContext,
): Promise<{ review: ReviewView; created: boolean }> {
  const author = requireActor(actor, "write a review");
  await enforceRateLimit(db, "review_save", author.id, context);
  const data = parseReviewInput(input);
  const now = contextNow(context);

  const saved = await runTransaction(db, async (tx) => {
    const user = await tx.user.findUnique({ where: { id: author.id }, select: { id: true, createdAt: true } });
    if (!user) throw new UserError("unauthenticated", "Your account no longer exists; sign in again.");
    const crate = await findCrate(tx, data.crateName);
    if (!crate) {
      throw new UserError("not_found", `There is no crate named "${data.crateName}".`, { crateName: `There is no crate named "${data.crateName}".` });
    }
    if (crate.removedAt) {
      const message = `${crate.name} has left the registry; it can no longer be reviewed.`;
      throw new UserError("invalid", message, { crateName: message });
    }
    const version = await tx.version.findUnique({ where: { crateId_num: { crateId: crate.id, num: data.version } }, select: { num: true } });
    if (!version) {
      const message = `${crate.name} has no version ${data.version}.`;
      throw new UserError("invalid", message, { version: message });
    }

    const existing = await tx.review.findUnique({ where: { userId_crateName: { userId: user.id, crateName: crate.nameLower } } });
    if (existing && sameContent(existing, data)) {
      return { review: await viewOf(tx, existing.id, user.id), created: false, changedCrates: [] as string[] };
    }

    const ratings: Ratings = {
      overall: data.overall!,
      documentation: data.documentation,
      apiDesign: data.apiDesign,
      reliability: data.reliability,
      maintenance: data.maintenance,
      security: data.security,
      performance: data.performance,
    };
    const content = {
      version: version.num,
      body: data.body,
      bodyHtml: renderReviewMarkdown(data.body),
      ...ratings,
      experience: data.experience,
      weight: await actionWeight(tx, user, now),
      updatedAt: now,
    };
    const review = existing
      ? await tx.review.update({ where: { id: existing.id }, data: content })
      : await tx.review.create({ data: { ...content, userId: user.id, crateName: crate.nameLower, createdAt: now } });
    await tx.reviewRevision.create({
      data: { reviewId: review.id, version: review.version, body: review.body, ratings: { ...ratings, experience: review.experience }, createdAt: now },
    });

    await detectBurst(tx, crate.nameLower, now);
    const reweighted = await detectLockstep(tx, user.id, now);
    for (const crateName of new Set([crate.nameLower, ...reweighted])) {
      await refreshCrateRatings(tx, crateName, { now });
    }
    return { review: await viewOf(tx, review.id, user.id), created: !existing, changedCrates: [crate.nameLower, ...reweighted] };
  });
  if (saved.changedCrates.length > 0) await publishRatingChange(db, saved.changedCrates);
  return { review: saved.review, created: saved.created };
}

function parseReviewInput(input: unknown): SaveReviewInput {
  try {
    return parseInput(saveReviewSchema, input);
  } catch (error) {
    // An oversized body is a 413, whatever else is wrong with the form.
    const body = (input as { body?: unknown } | null)?.body;
    if (error instanceof UserError && typeof body === "string" && body.trim().length > maxReviewLength) {
      const message = `The review is too long: ${body.trim().length.toLocaleString("en")} characters, the limit is ${maxReviewLength.toLocaleString("en")}.`;
      throw new UserError("too_large", message, { ...error.fields, body: message });
    }
    throw error;
  }
}

/** Whether a submission repeats the saved review exactly (a double submit or a reload). */
function sameContent(review: Review, data: SaveReviewInput): boolean {
  const saved = ratingsOf(review);
  const criteriaSame = (Object.keys(saved) as (keyof Ratings)[]).every((c) => saved[c] === data[c]);
  return criteriaSame && review.version === data.version && review.body === data.body && review.experience === data.experience;
}

async function viewOf(db: Db, id: number, viewerId: string): Promise<ReviewView> {
  const [view] = withoutBody(await loadReviewViews(db, [id], viewerId));
  if (!view) throw new Error(`review ${id} vanished inside its own transaction`);
  return view;
}
