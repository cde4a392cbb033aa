import type { CrateCuration } from "../curation/crate-curation";
import type { ViewScope } from "../curation/current-view";
import type { CrateSummary } from "../registry/crate-summary";
import type { RankBreakdown } from "./rank-score";

// The one interface every search backend implements (PostgreSQL always,
// Meilisearch when configured). Pages and the JSON API only see this.

/**
 * Rating criteria as crate_ratings.criterion, URLs and the API spell them
 * (lib/reviews/review-views.ts `criterionKeys`; a test keeps the two equal).
 */
export const RATING_CRITERIA = ["overall", "documentation", "api_design", "reliability", "maintenance", "security", "performance"] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

/** The lowest and highest minimum a rating filter takes (`min_documentation=4`): whole stars. */
export const MIN_RATING_RANGE = { min: 1, max: 5 } as const;

/** The query parameter of a rating filter (URLs, the API): `min_documentation`. */
export const MIN_RATING_PREFIX = "min_";

export function minRatingParam(criterion: RatingCriterion): `min_${RatingCriterion}` {
  return `${MIN_RATING_PREFIX}${criterion}`;
}

/** `rating` sorts by the overall rating, `rating-<criterion>` by another criterion's: best first, unrated crates last. */
export const RATING_SORTS = [
  "rating",
  "rating-documentation",
  "rating-api_design",
  "rating-reliability",
  "rating-maintenance",
  "rating-security",
  "rating-performance",
] as const satisfies readonly ("rating" | `rating-${Exclude<RatingCriterion, "overall">}`)[];
export type RatingSort = (typeof RATING_SORTS)[number];

export const SEARCH_SORTS = ["relevance", "downloads", "recent-downloads", "updated", "newest", ...RATING_SORTS] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

/** The criterion a sort orders by, or null for a sort that is not by rating. */
export function ratingSortCriterion(sort: SearchSort): RatingCriterion | null {
  if (sort === "rating") return "overall";
  return sort.startsWith("rating-") ? (sort.slice("rating-".length) as RatingCriterion) : null;
}

/** The sort by one criterion's rating. */
export function ratingSort(criterion: RatingCriterion): RatingSort {
  return criterion === "overall" ? "rating" : `rating-${criterion}`;
}

export const FACET_NAMES = ["category", "keyword", "license"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface SearchFilters {
  /** Category slug, exact (e.g. `web-programming::http-client`). */
  category?: string;
  /** Keyword, exact, lower case. */
  keyword?: string;
  /** License expression of the default version, exact (e.g. `MIT OR Apache-2.0`). */
  license?: string;
  /**
   * Minimum ratings, whole numbers from 1 to 5: only crates whose rating
   * (crate_ratings.score, the Bayesian average) for each criterion is at least
   * that. Crates without a rating for the criterion are left out.
   */
  minRatings?: Partial<Record<RatingCriterion, number>>;
}

/** The rating filters in force, in RATING_CRITERIA order (so URLs and cache keys come out the same). */
export function minRatingEntries(filters: SearchFilters): [RatingCriterion, number][] {
  const min = filters.minRatings;
  if (!min) return [];
  return RATING_CRITERIA.flatMap((criterion) => (min[criterion] === undefined ? [] : [[criterion, min[criterion]!] as [RatingCriterion, number]]));
}

export interface SearchRequest {
  /** Raw user text; backends must accept anything (see search-terms.ts). */
  q: string;
  page: number;
  perPage: number;
  sort: SearchSort;
  filters: SearchFilters;
  /** Compute facet counts over the whole match set (costs time: pages ask, the API on request). */
  facets: boolean;
  /**
   * The curated view to apply: crates it hides are left out (and counted in
   * `hidden`) unless `showHidden`; crates it demotes rank lower. Absent: no
   * curation (every crate, as the registry has it).
   */
  view?: ViewScope | null;
}

/** One criterion's aggregate rating of a crate. */
export interface HitRating {
  /** The Bayesian average, 1 to 5 (what filters and sorts use). */
  score: number;
  /** Reviews that rated this criterion. */
  count: number;
}

/** A crate in search results. */
export interface SearchHit extends CrateSummary {
  /** True when the query equals the crate name (case-insensitively, `-` and `_` alike). */
  exactMatch: boolean;
  /** License of the default version. */
  license: string | null;
  /** The crate's ratings by criterion; criteria nobody rated are absent (an unrated crate has `{}`). */
  ratings: Partial<Record<RatingCriterion, HitRating>>;
  /** Why this crate ranks where it does (see rank-score.ts). */
  rank: RankBreakdown;
  /** What the request's view does to the crate; null without a view or a verdict. */
  curation: CrateCuration | null;
}

export interface FacetValue {
  /** What the filter takes (category slug, keyword, license expression). */
  value: string;
  /** What people read (category name; the value itself otherwise). */
  label: string;
  count: number;
}

export type SearchFacets = Record<FacetName, FacetValue[]>;

export interface SearchResponse {
  total: number;
  page: number;
  perPage: number;
  results: SearchHit[];
  /** Present when the request asked for facets: counts over every match, top values first. */
  facets: SearchFacets | null;
  /** A corrected query that finds something, offered when this one finds nothing. */
  didYouMean: string | null;
  /** The backend that answered. */
  backend: SearchBackendName;
  /** True when the configured backend failed and PostgreSQL answered instead. */
  degraded: boolean;
  /** Matches the request's view hid (left out of `total` and `results` unless hidden crates are shown); null without a view. */
  hidden: number | null;
}

export type SearchBackendName = "postgres" | "meilisearch";

export interface SearchBackend {
  readonly name: SearchBackendName;
  search(request: SearchRequest): Promise<SearchResponse>;
}

/** Most values a facet lists. */
export const FACET_LIMIT = 12;
