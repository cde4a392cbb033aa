import { describe, expect, it } from "vitest";
import { Prisma } from "../generated/prisma/client";
import { useTestPrisma } from "../../test/test-database";
import { RATING_RANK, ratingFactor, relevanceScore } from "./rank-score";
import { ratingFactorSql } from "./rating-factor-sql";

// The rating factor orders PostgreSQL's results (SQL) and is shown per hit
// (TypeScript): one rule, 0.9 at 1 star to 1.1 at 5, from three reviews on.
describe("the rating factor", () => {
  const database = useTestPrisma({ seeded: false });

  it("is 0.9 at 1 star, 1 at 3, 1.1 at 5, linear, clamped, and 1 below three reviews or without a rating", () => {
    expect(ratingFactor({ score: 1, count: 3 })).toBeCloseTo(0.9, 12);
    expect(ratingFactor({ score: 3, count: 3 })).toBeCloseTo(1, 12);
    expect(ratingFactor({ score: 5, count: 100 })).toBeCloseTo(1.1, 12);
    expect(ratingFactor({ score: 4, count: 3 })).toBeCloseTo(1.05, 12);
    expect(ratingFactor({ score: 7, count: 3 })).toBeCloseTo(1.1, 12);
    expect(ratingFactor({ score: 0, count: 3 })).toBeCloseTo(0.9, 12);
    expect(ratingFactor({ score: 5, count: RATING_RANK.minCount - 1 })).toBe(1);
    expect(ratingFactor(null)).toBe(1);
    expect(ratingFactor(undefined)).toBe(1);
  });

  it("changes nothing in the relevance of an unrated crate", () => {
    const rank = { text: 1.2, quality: 0.5, rating: null };
    expect(relevanceScore(rank)).toBeCloseTo(1.2 * 0.5 ** 2, 12);
    expect(relevanceScore({ ...rank, rating: { score: 5, count: 3, factor: 1.1 } })).toBeCloseTo(1.2 * (0.5 * 1.1) ** 2, 12);
    expect(relevanceScore({ ...rank, text: null })).toBeNull();
  });

  it("is the same in SQL and in TypeScript", async () => {
    const cases: [score: number | null, count: number | null][] = [[null, null]];
    for (const score of [0.5, 1, 1.3, 2, 2.75, 3, 3.5, 4.2, 5, 5.5]) for (const count of [0, 1, 2, 3, 4, 50]) cases.push([score, count]);
    const rows = await database.prisma.$queryRaw<{ i: number; factor: number }[]>`
      SELECT t.i, ${ratingFactorSql(Prisma.sql`t.score`, Prisma.sql`t.count`)} AS factor
      FROM unnest(${cases.map((_, i) => i)}::int[], ${cases.map(([s]) => s)}::float8[], ${cases.map(([, c]) => c)}::int[]) AS t(i, score, count)
      ORDER BY t.i`;
    expect(rows).toHaveLength(cases.length);
    for (const row of rows) {
      const [score, count] = cases[row.i]!;
      const expected = score === null || count === null ? 1 : ratingFactor({ score, count });
      expect(row.factor, `score ${score}, count ${count}`).toBeCloseTo(expected, 12);
    }
  });
});
