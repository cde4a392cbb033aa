import { z } from "zod";
import { ReportReason, type PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import { UserError } from "../user-error";
import { parseInput, reviewIdSchema } from "./parse-input";
import { enforceRateLimit } from "./rate-limit";
import { contextNow, type RequestContext } from "./request-context";
import { reportReasonLabels } from "./review-views";
import { runTransaction } from "./run-transaction";

export const maxReportDetails = 1000;

export const reportReviewSchema = z.object({
  reviewId: reviewIdSchema,
  reason: z.enum(ReportReason, {
    error: `Choose a reason: ${Object.values(reportReasonLabels)
      .map((label) => label.toLowerCase())
      .join("; ")}.`,
  }),
  details: z
    .string({ error: "Details must be text." })
    .trim()
    .max(maxReportDetails, `Keep the details under ${maxReportDetails.toLocaleString("en")} characters.`)
    .nullish()
    .transform((details) => details || null),
});

/**
 * Reports a published review to the moderators, with a reason and optional
 * details. One report per user per review (a second one is a 409, even after
 * moderators dealt with the first); never on one's own review.
 */
export async function reportReview(db: PrismaClient, actor: Actor | null, input: unknown, context: RequestContext): Promise<void> {
  const reporter = requireActor(actor, "report a review");
  await enforceRateLimit(db, "report", reporter.id, context);
  const { reviewId, reason, details } = parseInput(reportReviewSchema, input);
  const now = contextNow(context);

  await runTransaction(db, async (tx) => {
    const review = await tx.review.findUnique({ where: { id: reviewId }, select: { userId: true, status: true } });
    if (!review || review.status !== "published") throw new UserError("not_found", "That review does not exist or was hidden by a moderator.");
    if (review.userId === reporter.id) throw new UserError("forbidden", "You cannot report your own review; edit it instead.");
    const existing = await tx.reviewReport.findUnique({ where: { reviewId_reporterId: { reviewId, reporterId: reporter.id } }, select: { id: true } });
    if (existing) throw new UserError("conflict", "You already reported this review; moderators will look at it.");
    await tx.reviewReport.create({ data: { reviewId, reporterId: reporter.id, reason, details, createdAt: now } });
  });
}
