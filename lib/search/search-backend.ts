import type { CrateSummary } from "../registry/crate-summary";
import type { RankBreakdown } from "./rank-score";

// The one interface every search backend implements (PostgreSQL always,
// Meilisearch when configured). Pages and the JSON API only see this.

export const SEARCH_SORTS = ["relevance", "downloads", "recent-downloads", "updated", "newest"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const FACET_NAMES = ["category", "keyword", "license"] as const;
export type FacetName = (typeof FACET_NAMES)[number];

export interface SearchFilters {
  /** Category slug, exact (e.g. `web-programming::http-client`). */
  category?: string;
  /** Keyword, exact, lower case. */
  keyword?: string;
  /** License expression of the default version, exact (e.g. `MIT OR Apache-2.0`). */
  license?: string;
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
}

/** A crate in search results. */
export interface SearchHit extends CrateSummary {
  /** True when the query equals the crate name (case-insensitively, `-` and `_` alike). */
  exactMatch: boolean;
  /** License of the default version. */
  license: string | null;
  /** Why this crate ranks where it does (see rank-score.ts). */
  rank: RankBreakdown;
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
}

export type SearchBackendName = "postgres" | "meilisearch";

export interface SearchBackend {
  readonly name: SearchBackendName;
  search(request: SearchRequest): Promise<SearchResponse>;
}

/** Most values a facet lists. */
export const FACET_LIMIT = 12;
