import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { UserError } from "../user-error";
import { crateKey } from "./find-crate";
import { moderationReasonSchema, parseInput } from "./parse-input";
import { publishRatingChange } from "./publish-rating-change";
import { writeCrateRatings } from "./refresh-crate-ratings";
import { contextNow } from "./request-context";
import { runTransaction } from "./run-transaction";

export const releaseRatingFreezeSchema = z.object({
  crateName: z.string({ error: "Say which crate to release." }).trim().min(1, "Say which crate to release.").max(200),
  reason: moderationReasonSchema,
});

/**
 * Ends a crate's rating freeze (moderator or admin), logged with the reason,
 * and rebuilds its aggregates from all its published reviews as they are now
 * (hide the brigade's reviews first to keep them out).
 */
export async function releaseRatingFreeze(db: PrismaClient, actor: Actor | null, input: unknown, context?: { now?: Date }): Promise<void> {
  const moderator = requireRole(actor, "moderator", "release rating freezes");
  const { crateName, reason } = parseInput(releaseRatingFreezeSchema, input);
  const now = contextNow(context);

  const key = await runTransaction(db, async (tx) => {
    const key = await crateKey(tx, crateName);
    const { count } = await tx.ratingFreeze.updateMany({ where: { crateName: key, releasedAt: null }, data: { releasedAt: now, releasedById: moderator.id } });
    if (count === 0) throw new UserError("not_found", `The ratings of ${crateName} are not frozen.`);
    await tx.moderationLog.create({ data: { actorId: moderator.id, action: "unfreeze_ratings", subject: `crate:${key}`, reason, createdAt: now } });
    await writeCrateRatings(tx, key, { now });
    return key;
  });
  await publishRatingChange(db, [key]);
}
