import type { PrismaClient } from "../generated/prisma/client";
import { notifyRatingsChanged } from "../search/notify-ratings-changed";

/**
 * After a committed change to crates' rating aggregates: tells search
 * (Meilisearch documents, the answer cache). A failure is logged, not thrown:
 * the review is saved, and the worker's next push sends the change again.
 */
export async function publishRatingChange(db: PrismaClient, crateNames: string[]): Promise<void> {
  try {
    await notifyRatingsChanged(db, crateNames);
  } catch (error) {
    console.error("[reviews] search was not told about a rating change; the worker's next push will send it", { crateNames, error });
  }
}
