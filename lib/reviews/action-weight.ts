import type { Db } from "./db-types";

/** Accounts younger than this are new: their reviews and votes count less. */
export const newAccountDays = 7;
/** Weight of a review or vote from a new account. */
export const newAccountWeight = 0.25;
/** Factor applied once to every review and vote of an account found acting in lockstep. */
export const lockstepFactor = 0.1;

/** moderation_log action marking an account as discounted for lockstep (its subject is `user:<id>`). */
export const lockstepAction = "discount_lockstep";

export function isNewAccount(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < newAccountDays * 24 * 60 * 60 * 1000;
}

/** Whether the account was already found in lockstep (so its weights are already discounted). */
export async function isLockstepDiscounted(db: Db, userId: string): Promise<boolean> {
  const entry = await db.moderationLog.findFirst({ where: { action: lockstepAction, subject: `user:${userId}` }, select: { id: true } });
  return entry !== null;
}

/**
 * The weight of a review or vote written now by this account: 0.25 while the
 * account is new, times 0.1 once it was found in lockstep.
 */
export async function actionWeight(db: Db, user: { id: string; createdAt: Date }, now: Date): Promise<number> {
  const base = isNewAccount(user.createdAt, now) ? newAccountWeight : 1;
  return (await isLockstepDiscounted(db, user.id)) ? base * lockstepFactor : base;
}
