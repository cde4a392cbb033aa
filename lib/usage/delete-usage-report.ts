import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";
import { runTransaction } from "../reviews/run-transaction";
import { UserError } from "../user-error";
import { refreshVerifiedReviews, reportedCrates } from "./save-usage-report";

/**
 * Deletes one of the signed-in user's usage reports (with its crates). Someone
 * else's report, or an unknown id, is a 404 that reveals nothing.
 */
export async function deleteUsageReport(db: PrismaClient, actor: Actor | null, reportId: unknown, now = new Date()): Promise<void> {
  const user = requireActor(actor, "delete a usage report");
  const id = typeof reportId === "number" ? reportId : Number(reportId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UserError("not_found", "No such usage report among yours.");
  await runTransaction(db, async (tx) => {
    const before = await reportedCrates(tx, user.id);
    const deleted = await tx.usageReport.deleteMany({ where: { id, userId: user.id } });
    if (deleted.count === 0) throw new UserError("not_found", "No such usage report among yours.");
    await refreshVerifiedReviews(tx, user.id, before, now);
  });
}
