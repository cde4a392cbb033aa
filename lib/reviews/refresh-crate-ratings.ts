import { Prisma } from "../generated/prisma/client";
import { verifiedUserFactor, verifiedUserSql } from "../usage/verified-users";
import type { Db } from "./db-types";
import { computeRatingAggregate, priorMeanOf, type WeightedRating } from "./compute-rating-aggregate";
import { criteria, criterionKeys, type Criterion } from "./review-views";

// crate_ratings is derived data: these functions rebuild a crate's rows from
// its reviews. A criterion's column in reviews is named like its key in
// crate_ratings (criterionKeys: api_design...).

type StateRow = { crate_name: string; weight: number } & Record<Criterion, number | null>;

/**
 * Published reviews with their ratings: as they are now, or `asOf` a moment
 * (each review's last revision saved before it; reviews first saved later are
 * left out). Hidden status and weights are always today's. A review by a
 * verified user (their usage reports contain the crate) weighs
 * `verifiedUserFactor` times its stored weight.
 */
function reviewStates(asOf: Date | undefined): Prisma.Sql {
  const picked = Prisma.raw(criteria.map((c) => `r.${criterionKeys[c]} AS "${c}"`).join(", "));
  const weight = Prisma.sql`(r.weight * CASE WHEN ${verifiedUserSql(Prisma.sql`r.user_id`, Prisma.sql`r.crate_name`)} THEN ${verifiedUserFactor}::float8 ELSE 1 END) AS weight`;
  if (!asOf) return Prisma.sql`SELECT r.crate_name, ${weight}, ${picked} FROM reviews r WHERE r.status = 'published'`;
  const fromJson = Prisma.raw(criteria.map((c) => `(v.ratings->>'${c}')::int AS "${c}"`).join(", "));
  return Prisma.sql`
    SELECT DISTINCT ON (v.review_id) r.crate_name, ${weight}, ${fromJson}
    FROM review_revisions v JOIN reviews r ON r.id = v.review_id
    WHERE r.status = 'published' AND v.created_at < ${asOf}
    ORDER BY v.review_id, v.created_at DESC, v.id DESC`;
}

/** Whether the crate's aggregates are frozen (a burst; lib/reviews/detect-burst.ts). */
export async function activeFreeze(db: Db, crateName: string) {
  return db.ratingFreeze.findFirst({ where: { crateName, releasedAt: null } });
}

/**
 * Rebuilds crate_ratings for a crate from its published reviews, unless its
 * aggregates are frozen: then they stay at the value the freeze set. Called
 * after every review save, hide, restore and weight change, in the same
 * transaction.
 */
export async function refreshCrateRatings(db: Db, crateName: string, options: { now: Date }): Promise<void> {
  if (await activeFreeze(db, crateName)) return;
  await writeCrateRatings(db, crateName, options);
}

/**
 * Writes crate_ratings for a crate whatever its freeze: from reviews as they
 * are, or `asOf` a moment (the pre-burst value a freeze keeps). One row per
 * criterion someone rated; rows of criteria nobody rates any more go.
 */
export async function writeCrateRatings(db: Db, crateName: string, options: { now: Date; asOf?: Date }): Promise<void> {
  const states = reviewStates(options.asOf);
  const rows = await db.$queryRaw<StateRow[]>`SELECT * FROM (${states}) s WHERE s.crate_name = ${crateName}`;
  const globals = await db.$queryRaw<{ criterion: Criterion; weighted: number; weights: number }[]>`
    SELECT c.criterion, sum(s.weight * c.rating)::float8 AS weighted, sum(s.weight)::float8 AS weights
    FROM (${states}) s
    CROSS JOIN LATERAL (VALUES ${Prisma.join(criteria.map((c) => Prisma.sql`(${c}, s.${Prisma.raw(`"${c}"`)})`))}) AS c(criterion, rating)
    WHERE c.rating IS NOT NULL
    GROUP BY c.criterion`;

  const kept: string[] = [];
  for (const criterion of criteria) {
    const ratings: WeightedRating[] = [];
    for (const row of rows) {
      const rating = row[criterion];
      if (rating !== null) ratings.push({ rating, weight: row.weight });
    }
    if (ratings.length === 0) continue;
    const global = globals.find((g) => g.criterion === criterion);
    const aggregate = computeRatingAggregate(ratings, priorMeanOf(global?.weighted ?? 0, global?.weights ?? 0));
    const key = criterionKeys[criterion];
    kept.push(key);
    const values = { count: aggregate.count, mean: aggregate.mean, score: aggregate.score, histogram: aggregate.histogram, updatedAt: options.now };
    await db.crateRating.upsert({
      where: { crateName_criterion: { crateName, criterion: key } },
      create: { crateName, criterion: key, ...values },
      update: values,
    });
  }
  await db.crateRating.deleteMany({ where: { crateName, criterion: { notIn: kept } } });
}
