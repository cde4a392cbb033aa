import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { UserError } from "../user-error";
import { moderationReasonSchema, parseInput, reviewIdSchema } from "./parse-input";
import { publishRatingChange } from "./publish-rating-change";
import { refreshCrateRatings } from "./refresh-crate-ratings";
import { contextNow } from "./request-context";
import { runTransaction } from "./run-transaction";

export const moderateReviewSchema = z.object({
  reviewId: reviewIdSchema,
  action: z.enum(["hide", "restore"], { error: "Choose to hide or restore the review." }),
  reason: moderationReasonSchema,
});

/**
 * Hides a published review or restores a hidden one (moderator or admin),
 * with a reason written to the moderation log. Hiding resolves the review's
 * open reports. The crate's aggregates follow (unless frozen).
 */
export async function moderateReview(db: PrismaClient, actor: Actor | null, input: unknown, context?: { now?: Date }): Promise<void> {
  const moderator = requireRole(actor, "moderator", "moderate reviews");
  const { reviewId, action, reason } = parseInput(moderateReviewSchema, input);
  const now = contextNow(context);

  const crateName = await runTransaction(db, async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, select: { status: true, crateName: true } });
    if (!review) throw new UserError("not_found", `There is no review #${reviewId}.`);
    const to = action === "hide" ? "hidden" : "published";
    if (review.status === to) throw new UserError("conflict", `Review #${reviewId} is already ${to}.`);
    // Raw SQL on purpose: moderation is not an edit, updated_at stays.
    await tx.$executeRaw`UPDATE reviews SET status = ${to}::"ReviewStatus" WHERE id = ${reviewId}`;
    if (action === "hide") {
      await tx.reviewReport.updateMany({ where: { reviewId, resolvedAt: null }, data: { resolvedAt: now, resolvedById: moderator.id } });
    }
    await tx.moderationLog.create({
      data: { actorId: moderator.id, action: action === "hide" ? "hide_review" : "restore_review", subject: `review:${reviewId}`, reason, createdAt: now },
    });
    await refreshCrateRatings(tx, review.crateName, { now });
    return review.crateName;
  });
  await publishRatingChange(db, [crateName]);
}
