/** Weight of the prior in the Bayesian average: as if every crate had 5 more reviews at the global mean. */
export const priorWeight = 5;

/** Prior mean when no review anywhere rates a criterion yet (the middle of 1-5). */
export const defaultPriorMean = 3;

export interface WeightedRating {
  /** 1..5 */
  rating: number;
  /** The review's weight (1, less for new or lockstep accounts). */
  weight: number;
}

export interface RatingAggregate {
  /** Reviews that rated the criterion. */
  count: number;
  /** Weighted mean of their ratings. */
  mean: number;
  /** Bayesian average: (C x m + sum(w x r)) / (C + sum(w)). */
  score: number;
  /** Reviews rating 1..5 (index 0 is rating 1), unweighted. */
  histogram: [number, number, number, number, number];
}

/**
 * The aggregate of one crate on one criterion. `priorMean` (m) is the global
 * weighted mean of the criterion over all published reviews: a crate with few
 * reviews scores near it, and moves away as reviews accumulate, so one 5-star
 * review does not outrank a hundred 4.8s.
 */
export function computeRatingAggregate(ratings: readonly WeightedRating[], priorMean: number, prior: number = priorWeight): RatingAggregate {
  const histogram: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  let weightSum = 0;
  let weightedSum = 0;
  let plainSum = 0;
  for (const { rating, weight } of ratings) {
    histogram[rating - 1]! += 1;
    weightSum += weight;
    weightedSum += weight * rating;
    plainSum += rating;
  }
  const count = ratings.length;
  const mean = weightSum > 0 ? weightedSum / weightSum : count > 0 ? plainSum / count : 0;
  const score = (prior * priorMean + weightedSum) / (prior + weightSum);
  return { count, mean, score, histogram };
}

/** The prior mean from the global weighted sums of a criterion. */
export function priorMeanOf(weightedSum: number, weightSum: number): number {
  return weightSum > 0 ? weightedSum / weightSum : defaultPriorMean;
}
