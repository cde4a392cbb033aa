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
// Relevance order = exact name first, then text match × (1 + 2 × quality).
// Reviews' ratings (issue 6) and curated views' demotions (issue 5) join this
// formula when they exist.

export const QUALITY_WEIGHTS = { downloads: 0.25, recentDownloads: 0.2, reverseDependencies: 0.4, freshness: 0.15 } as const;
export const QUALITY_SCALES = { downloads: 1e8, recentDownloads: 1e7, reverseDependencies: 1e4, freshnessHalfLifeDays: 730 } as const;
export const ALL_YANKED_FACTOR = 0.2;
export const QUALITY_BOOST = 2;

export interface RankFacts {
  downloads: number;
  recentDownloads: number;
  reverseDependencies: number;
  updatedAt: Date | null;
  allYanked: boolean;
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
  return { text, exactMatch, quality: weighted * (facts.allYanked ? ALL_YANKED_FACTOR : 1), parts, allYanked: facts.allYanked };
}
