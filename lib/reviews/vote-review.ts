import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import { UserError } from "../user-error";
import { actionWeight } from "./action-weight";
import { detectBurst } from "./detect-burst";
import { detectLockstep } from "./detect-lockstep";
import { helpfulness } from "./load-review-views";
import { booleanSchema, parseInput, reviewIdSchema } from "./parse-input";
import { enforceRateLimit } from "./rate-limit";
import { refreshCrateRatings } from "./refresh-crate-ratings";
import { contextNow, type RequestContext } from "./request-context";
import { runTransaction } from "./run-transaction";

export const voteReviewSchema = z.object({
  reviewId: reviewIdSchema,
  helpful: booleanSchema("Say whether the review was helpful."),
});

/**
 * Marks a review helpful for the actor (`helpful: true`) or takes the mark
 * back (`false`); repeating either changes nothing. Not on one's own review,
 * only on published ones. A new vote weighs 0.25 from an account younger than
 * 7 days, times 0.1 from an account found in lockstep; the review's
 * helpfulness is the sum of its votes' weights.
 */
export async function voteReview(
  db: PrismaClient,
  actor: Actor | null,
  input: unknown,
  context: RequestContext,
): Promise<{ helpful: number; votedByViewer: boolean }> {
  const voter = requireActor(actor, "vote on reviews");
  await enforceRateLimit(db, "vote", voter.id, context);
  const { reviewId, helpful } = parseInput(voteReviewSchema, input);
  const now = contextNow(context);

  return runTransaction(db, async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, select: { id: true, userId: true, crateName: true, status: true } });
    if (!review || review.status !== "published") throw new UserError("not_found", "That review does not exist or was hidden by a moderator.");
    if (review.userId === voter.id) throw new UserError("forbidden", "You cannot vote on your own review.");
    const user = await tx.user.findUnique({ where: { id: voter.id }, select: { id: true, createdAt: true } });
    if (!user) throw new UserError("unauthenticated", "Your account no longer exists; sign in again.");

    const existing = await tx.reviewVote.findUnique({ where: { reviewId_userId: { reviewId, userId: user.id } }, select: { weight: true } });
    if (helpful && !existing) {
      await tx.reviewVote.create({ data: { reviewId, userId: user.id, weight: await actionWeight(tx, user, now), createdAt: now } });
      await detectBurst(tx, review.crateName, now);
      // Votes do not enter the aggregates, but a lockstep discount also
      // lowers the weights of the accounts' reviews.
      for (const crateName of await detectLockstep(tx, user.id, now)) await refreshCrateRatings(tx, crateName, { now });
    } else if (!helpful && existing) {
      await tx.reviewVote.delete({ where: { reviewId_userId: { reviewId, userId: user.id } } });
    }
    return { helpful: (await helpfulness(tx, [reviewId])).get(reviewId) ?? 0, votedByViewer: helpful };
  });
}
