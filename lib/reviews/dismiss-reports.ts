import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { UserError } from "../user-error";
import { moderationReasonSchema, parseInput, reviewIdSchema } from "./parse-input";
import { contextNow } from "./request-context";
import { runTransaction } from "./run-transaction";

export const dismissReportsSchema = z.object({ reviewId: reviewIdSchema, reason: moderationReasonSchema });

/** Resolves a review's open reports without hiding it (moderator or admin), logged with the reason. */
export async function dismissReports(db: PrismaClient, actor: Actor | null, input: unknown, context?: { now?: Date }): Promise<void> {
  const moderator = requireRole(actor, "moderator", "dismiss reports");
  const { reviewId, reason } = parseInput(dismissReportsSchema, input);
  const now = contextNow(context);

  await runTransaction(db, async (tx) => {
    const { count } = await tx.reviewReport.updateMany({ where: { reviewId, resolvedAt: null }, data: { resolvedAt: now, resolvedById: moderator.id } });
    if (count === 0) throw new UserError("not_found", `Review #${reviewId} has no open reports.`);
    await tx.moderationLog.create({
      data: { actorId: moderator.id, action: "dismiss_report", subject: `review:${reviewId}`, reason: `${count} report${count === 1 ? "" : "s"} dismissed: ${reason}`, createdAt: now },
    });
  });
}
