import type { Db } from "../reviews/db-types";
import type { Verdict } from "./filter-list-types";

/** What view `viewId` does to crate `nameLower` (as last evaluated), or null when no rule touches it. */
export async function getCrateVerdict(db: Db, viewId: number, nameLower: string): Promise<Verdict | null> {
  const row = await db.crateVerdict.findUnique({
    where: { viewId_nameLower: { viewId, nameLower: nameLower.toLowerCase() } },
    select: { sources: true },
  });
  return row ? (row.sources as unknown as Verdict) : null;
}
