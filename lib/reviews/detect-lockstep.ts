import { Prisma } from "../generated/prisma/client";
import type { Db } from "./db-types";
import { displayName } from "./display-name";
import { isLockstepDiscounted, lockstepAction, lockstepFactor } from "./action-weight";

/** Two actions on the same target at most this far apart are "together". */
export const lockstepWindowMs = 10 * 60 * 1000;
/** Accounts acting together on at least this many distinct targets act in lockstep. */
export const lockstepMinimumTargets = 3;

/**
 * Run after a vote or review save by `userId`: finds the accounts that acted
 * together with it on at least 3 distinct targets (the same review for votes,
 * the same crate for reviews), each pair of actions within 10 minutes. Every
 * account of such a pair not yet discounted gets all its votes' and reviews'
 * weights multiplied by 0.1, once (a moderation_log entry by the system marks
 * it, and later votes and reviews get the factor when written). Returns the
 * crates whose reviews changed weight, for their aggregates to be rebuilt.
 */
export async function detectLockstep(db: Db, userId: string, now: Date): Promise<string[]> {
  const window = Prisma.raw(`interval '${lockstepWindowMs / 60_000} minutes'`);
  const partners = await db.$queryRaw<{ user_id: string; shared: number }[]>`
    WITH my_votes AS (
      SELECT review_id, created_at AS at FROM review_votes WHERE user_id = ${userId}
    ), my_reviews AS (
      SELECT crate_name, created_at AS at FROM reviews WHERE user_id = ${userId}
      UNION SELECT crate_name, updated_at FROM reviews WHERE user_id = ${userId}
    ), together AS (
      SELECT v.user_id, 'review:' || v.review_id AS target
      FROM my_votes m JOIN review_votes v ON v.review_id = m.review_id
      WHERE v.user_id <> ${userId} AND v.created_at BETWEEN m.at - ${window} AND m.at + ${window}
      UNION ALL
      SELECT r.user_id, 'crate:' || r.crate_name
      FROM my_reviews m JOIN reviews r ON r.crate_name = m.crate_name
      WHERE r.user_id <> ${userId}
        AND (r.created_at BETWEEN m.at - ${window} AND m.at + ${window} OR r.updated_at BETWEEN m.at - ${window} AND m.at + ${window})
    )
    SELECT user_id, count(DISTINCT target)::int AS shared FROM together
    GROUP BY user_id HAVING count(DISTINCT target) >= ${lockstepMinimumTargets}
    ORDER BY user_id`;
  if (partners.length === 0) return [];

  const crates = new Set<string>();
  const actor = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true } });
  const actorName = actor ? displayName(actor) : userId;
  const flagged = [
    { id: userId, reason: `Acted in lockstep with ${partners.length} account(s) on ${Math.max(...partners.map((p) => p.shared))} shared targets within 10 minutes.` },
    ...partners.map((p) => ({ id: p.user_id, reason: `Acted in lockstep with ${actorName} on ${p.shared} shared targets within 10 minutes.` })),
  ];
  for (const { id, reason } of flagged) {
    for (const crate of await discountAccount(db, id, reason, now)) crates.add(crate);
  }
  return [...crates];
}

/** Multiplies an account's weights by the lockstep factor unless done before; returns the crates it reviewed. */
async function discountAccount(db: Db, userId: string, reason: string, now: Date): Promise<string[]> {
  // Serializes concurrent discounts of one account, so the factor applies once.
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lockstep:${userId}`}))`;
  if (await isLockstepDiscounted(db, userId)) return [];
  await db.$executeRaw`UPDATE review_votes SET weight = weight * ${lockstepFactor} WHERE user_id = ${userId}`;
  // Raw SQL on purpose: a weight change is not an edit, updated_at stays.
  const reviewed = await db.$queryRaw<{ crate_name: string }[]>`
    UPDATE reviews SET weight = weight * ${lockstepFactor} WHERE user_id = ${userId} RETURNING crate_name`;
  await db.moderationLog.create({ data: { actorId: null, action: lockstepAction, subject: `user:${userId}`, reason, createdAt: now } });
  return reviewed.map((r) => r.crate_name);
}
