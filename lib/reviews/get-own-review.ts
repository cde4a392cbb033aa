import type { PrismaClient } from "../generated/prisma/client";
import { crateKey } from "./find-crate";
import { loadReviewViews } from "./load-review-views";
import type { ReviewView } from "./review-views";

/** The user's review of a crate, hidden or not, with its Markdown for the edit form; null if none. */
export async function getOwnReview(db: PrismaClient, crateName: string, userId: string): Promise<(ReviewView & { body: string }) | null> {
  const key = await crateKey(db, crateName);
  const review = await db.review.findUnique({ where: { userId_crateName: { userId, crateName: key } }, select: { id: true } });
  if (!review) return null;
  const [view] = await loadReviewViews(db, [review.id], userId);
  return view ?? null;
}
