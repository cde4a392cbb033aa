import type { VerdictSource } from "../curation/filter-list-types";

// The quality score that orders crates when the text alone does not decide.
// It is documented for users on /docs/ranking and shown per hit ("why this
// rank"). PostgreSQL computes the same formula in SQL (the crate_quality()
// function, migration 20261203000000_search_ranking) to sort; the tests check
// that both agree. Change both together.
//
//   quality = (0.25·D + 0.20·R + 0.40·P + 0.15·F) × Y
//   D = log-scaled all-time downloads, 1 at 100 million
//   R = log-scaled downloads in the last 90 days, 1 at 10 million
//   P = log-scaled reverse dependencies, 1 at 10,000 dependents
//   F = freshness: 1 when updated today, halving every two years
//   Y = 0.2 when every version is yanked, else 1
//
//   G = the rating factor: for a crate whose overall rating (the Bayesian
//       average of its reviews, crate_ratings.score) comes from at least 3
//       reviews, 0.9 at 1 star to 1.1 at 5 stars, linear (1 at 3 stars);
//       1 for every other crate
//
//   V = the view factor: DEMOTED_FACTOR when the visitor's curated view
//       demotes the crate (a `demote` rule of one of its filter lists), else 1
//
// Relevance order = exact name first, then text match × (quality × G)² × V:
// a crate of half the quality needs four times the text match to rank level.
// A family's root (`clap` for `clap_builder`: same repository, name extended
// at `-` or `_`) ranks at least as high as its best matching part, times its
// own V, just before it (PostgreSQL backend).
// PostgreSQL computes G in SQL from the same constants (rating-factor-sql.ts),
// and the Meilisearch documents carry quality × G (V is not applied there).

export const QUALITY_WEIGHTS = { downloads: 0.25, recentDownloads: 0.2, reverseDependencies: 0.4, freshness: 0.15 } as const;
export const QUALITY_SCALES = { downloads: 1e8, recentDownloads: 1e7, reverseDependencies: 1e4, freshnessHalfLifeDays: 730 } as const;
export const ALL_YANKED_FACTOR = 0.2;
/**
 * The power of quality in relevance. Quality is log-scaled, so it is flat: a crate
 * with 3,000 downloads and one dependent has about half the quality of one with
 * 60 million and hundreds. Squared, that is a quarter of the relevance; with
 * the `1 + 2 × quality` factor used before 2026-12-03 it was two thirds, and a
 * name made of the query's words beat the crate everybody uses.
 */
export const QUALITY_EXPONENT = 2;
/** What a view's `demote` verdict multiplies relevance by: a demoted crate needs a far better text match to outrank another. */
export const DEMOTED_FACTOR = 0.25;

/**
 * How ratings move the rank. The factor is deliberately small: at most ±10%
 * of the quality part, so that a crate's ratings reorder crates that match
 * about equally well and are about as widely used, but a handful of reviews
 * never lifts an obscure crate over the one everybody depends on (reviews can
 * be gamed; dependents much less). The score is already a Bayesian average
 * (few reviews stay near the global mean), and below `minCount` reviews the
 * rating does not count at all.
 */
export const RATING_RANK = { minCount: 3, lowestScore: 1, highestScore: 5, factorAtLowest: 0.9, factorAtHighest: 1.1 } as const;

export interface RankFacts {
  downloads: number;
  recentDownloads: number;
  reverseDependencies: number;
  updatedAt: Date | null;
  allYanked: boolean;
  /** The overall rating (Bayesian average) and how many reviews gave it; absent or null when nobody rated the crate. */
  overallRating?: { score: number; count: number } | null;
  /** The rule of the visitor's view that demotes the crate; absent or null when it is not demoted. */
  demotedBy?: VerdictSource | null;
  /** The part of the crate's family whose relevance it ranks with (higher than its own); absent or null otherwise. */
  rankedWith?: RankedWith | null;
}

/** A family root ranked with the relevance of one of its parts (`clap` with `clap_builder`'s). */
export interface RankedWith {
  crate: string;
  /** The part's relevance, times the root's view factor: what orders the root. */
  relevance: number;
}

export interface RankPart {
  /** 0..1 before weighting. */
  value: number;
  weight: number;
}

export interface RankBreakdown {
  /** Text relevance the backend reported (null when the order was not by text). */
  text: number | null;
  exactMatch: boolean;
  /** 0..1. */
  quality: number;
  parts: Record<keyof typeof QUALITY_WEIGHTS, RankPart>;
  allYanked: boolean;
  /** The overall rating and the factor it puts on quality (1 below RATING_RANK.minCount reviews); null when unrated. */
  rating: { score: number; count: number; factor: number } | null;
  /** The view factor V and the rule behind it; null when the view does not demote the crate. */
  demotion: { factor: number; by: VerdictSource } | null;
  /** Set when the crate ranks with the relevance of a part of its family, higher than its own. */
  rankedWith: RankedWith | null;
}

const DAY_MS = 86_400_000;

function logScale(count: number, top: number): number {
  return Math.min(1, Math.log1p(Math.max(0, count)) / Math.log1p(top));
}

/** Freshness in 0..1: 1 for a crate updated at `now`, halving every half-life. Unknown dates count as old (0). */
export function freshness(updatedAt: Date | null, now: Date): number {
  if (!updatedAt) return 0;
  const ageDays = Math.max(0, (now.getTime() - updatedAt.getTime()) / DAY_MS);
  return Math.pow(0.5, ageDays / QUALITY_SCALES.freshnessHalfLifeDays);
}

/** The rating factor G: 1 without an overall rating from at least RATING_RANK.minCount reviews. */
export function ratingFactor(rating: { score: number; count: number } | null | undefined): number {
  if (!rating || rating.count < RATING_RANK.minCount) return 1;
  const { lowestScore, highestScore, factorAtLowest, factorAtHighest } = RATING_RANK;
  const clamped = Math.min(highestScore, Math.max(lowestScore, rating.score));
  return factorAtLowest + ((factorAtHighest - factorAtLowest) * (clamped - lowestScore)) / (highestScore - lowestScore);
}

/** Quality as relevance uses it: quality × G. */
export function rankedQuality(rank: Pick<RankBreakdown, "quality" | "rating">): number {
  return rank.quality * (rank.rating?.factor ?? 1);
}

/** What orders matches of equal exactness in relevance order: text × (quality × G)^QUALITY_EXPONENT × V. Null without a text score. */
export function relevanceScore(rank: Pick<RankBreakdown, "text" | "quality" | "rating"> & { demotion?: RankBreakdown["demotion"] }): number | null {
  return rank.text === null ? null : rank.text * rankedQuality(rank) ** QUALITY_EXPONENT * (rank.demotion?.factor ?? 1);
}

/** What places a hit in relevance order after the exact name: the family part's relevance it ranks with, else its own. */
export function orderScore(rank: Pick<RankBreakdown, "text" | "quality" | "rating" | "demotion" | "rankedWith">): number | null {
  return rank.rankedWith?.relevance ?? relevanceScore(rank);
}

export function rankBreakdown(facts: RankFacts, text: number | null, exactMatch: boolean, now = new Date()): RankBreakdown {
  const parts = {
    downloads: { value: logScale(facts.downloads, QUALITY_SCALES.downloads), weight: QUALITY_WEIGHTS.downloads },
    recentDownloads: { value: logScale(facts.recentDownloads, QUALITY_SCALES.recentDownloads), weight: QUALITY_WEIGHTS.recentDownloads },
    reverseDependencies: {
      value: logScale(facts.reverseDependencies, QUALITY_SCALES.reverseDependencies),
      weight: QUALITY_WEIGHTS.reverseDependencies,
    },
    freshness: { value: freshness(facts.updatedAt, now), weight: QUALITY_WEIGHTS.freshness },
  };
  const weighted = Object.values(parts).reduce((sum, part) => sum + part.value * part.weight, 0);
  const rating = facts.overallRating ? { ...facts.overallRating, factor: ratingFactor(facts.overallRating) } : null;
  const demotion = facts.demotedBy ? { factor: DEMOTED_FACTOR, by: facts.demotedBy } : null;
  return {
    text,
    exactMatch,
    quality: weighted * (facts.allYanked ? ALL_YANKED_FACTOR : 1),
    parts,
    allYanked: facts.allYanked,
    rating,
    demotion,
    rankedWith: facts.rankedWith ?? null,
  };
}
