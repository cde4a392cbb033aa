import { describe, expect, it } from "vitest";
import { computeRatingAggregate, defaultPriorMean, priorMeanOf, priorWeight } from "./compute-rating-aggregate";

describe("computeRatingAggregate", () => {
  it("uses a prior weight of 5 and a prior mean of 3 when nothing is rated anywhere", () => {
    expect(priorWeight).toBe(5);
    expect(defaultPriorMean).toBe(3);
    expect(priorMeanOf(0, 0)).toBe(3);
    expect(priorMeanOf(8, 2)).toBe(4);
  });

  it("pulls a single review toward the prior mean", () => {
    const aggregate = computeRatingAggregate([{ rating: 5, weight: 1 }], 3);
    // (5 x 3 + 5) / (5 + 1) = 20 / 6
    expect(aggregate).toEqual({ count: 1, mean: 5, score: 20 / 6, histogram: [0, 0, 0, 0, 1] });
  });

  it("lets many reviews outweigh the prior", () => {
    const hundred = Array.from({ length: 100 }, () => ({ rating: 5, weight: 1 }));
    const { score } = computeRatingAggregate(hundred, 3);
    expect(score).toBeCloseTo((5 * 3 + 500) / 105, 12);
    expect(score).toBeGreaterThan(4.9);
    // One perfect review does not outrank a hundred 4.8-ish ones.
    const many = Array.from({ length: 100 }, (_, i) => ({ rating: i % 5 === 0 ? 4 : 5, weight: 1 }));
    expect(computeRatingAggregate(many, 3).score).toBeGreaterThan(computeRatingAggregate([{ rating: 5, weight: 1 }], 3).score);
  });

  it("weights the mean and the score, but counts and histograms are per review", () => {
    const ratings = [
      { rating: 5, weight: 1 },
      { rating: 5, weight: 1 },
      { rating: 1, weight: 0.25 },
      { rating: 2, weight: 0.1 },
    ];
    const aggregate = computeRatingAggregate(ratings, 4);
    const weighted = 5 + 5 + 0.25 + 0.2;
    const weights = 2.35;
    expect(aggregate.count).toBe(4);
    expect(aggregate.histogram).toEqual([1, 1, 0, 0, 2]);
    expect(aggregate.mean).toBeCloseTo(weighted / weights, 12);
    expect(aggregate.score).toBeCloseTo((5 * 4 + weighted) / (5 + weights), 12);
  });

  it("barely moves for forty new accounts at weight 0.25 compared with forty full ones", () => {
    const history = Array.from({ length: 10 }, () => ({ rating: 5, weight: 1 }));
    const socks = Array.from({ length: 40 }, () => ({ rating: 1, weight: 0.25 }));
    const full = Array.from({ length: 40 }, () => ({ rating: 1, weight: 1 }));
    expect(computeRatingAggregate([...history, ...socks], 5).score).toBeCloseTo((25 + 50 + 10) / (5 + 10 + 10), 12);
    expect(computeRatingAggregate([...history, ...full], 5).score).toBeCloseTo((25 + 50 + 40) / (5 + 10 + 40), 12);
  });

  it("is empty without ratings: the score is the prior", () => {
    expect(computeRatingAggregate([], 3.7)).toEqual({ count: 0, mean: 0, score: 3.7, histogram: [0, 0, 0, 0, 0] });
  });

  it("takes another prior weight", () => {
    expect(computeRatingAggregate([{ rating: 1, weight: 1 }], 5, 1).score).toBe(3);
  });
});
