import { Prisma } from "../generated/prisma/client";
import { RATING_RANK } from "./rank-score";

/**
 * rank-score.ts's ratingFactor() in SQL, built from the same constants (so the
 * two cannot drift; rating-factor-sql.db.test.ts checks them on a grid).
 * `score` and `count` are the columns of an overall crate_ratings row, NULL
 * when the crate has none (LEFT JOIN): the factor is then 1.
 */
export function ratingFactorSql(score: Prisma.Sql, count: Prisma.Sql): Prisma.Sql {
  const { minCount, lowestScore, highestScore, factorAtLowest, factorAtHighest } = RATING_RANK;
  const slope = (factorAtHighest - factorAtLowest) / (highestScore - lowestScore);
  return Prisma.sql`(CASE WHEN ${count} >= ${minCount}::int
    THEN ${factorAtLowest}::float8 + ${slope}::float8 * (least(${highestScore}::float8, greatest(${lowestScore}::float8, ${score})) - ${lowestScore}::float8)
    ELSE 1::float8 END)`;
}
