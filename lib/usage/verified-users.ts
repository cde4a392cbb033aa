import { Prisma } from "../generated/prisma/client";
import type { Db } from "../reviews/db-types";

/**
 * How much more a review counts in the rating aggregates when its author's
 * usage reports contain the crate ("verified user"). Modest on purpose: a
 * lockfile is easy to make up, so it multiplies the weight the account
 * already has (a new account's 0.25 becomes 0.375, still below an
 * established account's unverified 1).
 */
export const verifiedUserFactor = 1.5;

/** SQL true when user `userId` (a column) has a usage report containing crate `crateName` (a name_lower column). */
export function verifiedUserSql(userId: Prisma.Sql, crateName: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM usage_report_crates uc JOIN usage_reports ur ON ur.id = uc.report_id
    WHERE ur.user_id = ${userId} AND uc.name_lower = ${crateName})`;
}

/** Of these (user, crate) pairs, the ones whose user has a usage report containing the crate, as "user crate" keys. */
export async function verifiedPairs(db: Db, pairs: { userId: string; crateName: string }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await db.$queryRaw<{ user_id: string; name_lower: string }[]>`
    SELECT DISTINCT ur.user_id, uc.name_lower
    FROM usage_reports ur JOIN usage_report_crates uc ON uc.report_id = ur.id
    WHERE ur.user_id = ANY(${pairs.map((p) => p.userId)}::text[]) AND uc.name_lower = ANY(${pairs.map((p) => p.crateName)}::text[])`;
  return new Set(rows.map((row) => `${row.user_id} ${row.name_lower}`));
}
