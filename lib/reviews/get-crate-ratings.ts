import type { PrismaClient } from "../generated/prisma/client";
import { findCrate } from "./find-crate";
import { criteria, criterionKeys, criterionLabels, type CrateRatingsView, type CriterionAggregate } from "./review-views";

/**
 * A crate's rating aggregates (crate_ratings, kept by lib/reviews), in
 * display order, with the count of its published reviews and the freeze
 * notice while a burst holds the aggregates at their pre-burst value.
 */
export async function getCrateRatings(db: PrismaClient, crateName: string): Promise<CrateRatingsView> {
  const crate = await findCrate(db, crateName);
  const key = crate?.nameLower ?? crateName.trim().toLowerCase();
  const [rows, reviewCount, freeze] = await Promise.all([
    db.crateRating.findMany({ where: { crateName: key } }),
    db.review.count({ where: { crateName: key, status: "published" } }),
    db.ratingFreeze.findFirst({ where: { crateName: key, releasedAt: null }, select: { frozenAt: true, reason: true } }),
  ]);
  const aggregates: CriterionAggregate[] = [];
  for (const criterion of criteria) {
    const row = rows.find((r) => r.criterion === criterionKeys[criterion]);
    if (!row) continue;
    const [one = 0, two = 0, three = 0, four = 0, five = 0] = row.histogram;
    aggregates.push({
      criterion,
      label: criterionLabels[criterion],
      count: row.count,
      mean: row.mean,
      score: row.score,
      histogram: [one, two, three, four, five],
    });
  }
  return { crateName: crate?.name ?? key, reviewCount, criteria: aggregates, frozen: freeze ? { since: freeze.frozenAt, reason: freeze.reason } : null };
}
