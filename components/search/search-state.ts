import { routes } from "@/lib/routes";
import { minRatingEntries, type FacetName, type RatingCriterion, type SearchFilters, type SearchSort } from "@/lib/search/search-backend";

/** What a search results page shows, all of it from (and back into) the URL. */
export interface SearchState {
  q: string;
  sort: SearchSort;
  filters: SearchFilters;
  /** The curated view's slug when it is not the default (links keep it, so shared results look the same). */
  view?: string;
  /** The crates the view hides are listed too, marked. */
  showHidden?: boolean;
}

/**
 * The URL of this search with some of it changed. Any change other than the
 * page starts again at page 1: page 4 of another result set means nothing.
 */
export function searchHref(
  state: SearchState,
  change: { q?: string; sort?: SearchSort; page?: number; filters?: SearchFilters; showHidden?: boolean } = {},
): string {
  return routes.searchWith({
    q: change.q ?? state.q,
    sort: change.sort ?? state.sort,
    ...(change.filters ?? state.filters),
    page: change.page,
    view: state.view,
    showHidden: change.showHidden ?? state.showHidden,
  });
}

/** The filters without one facet's value. */
export function withoutFilter(filters: SearchFilters, facet: FacetName): SearchFilters {
  const rest = { ...filters };
  delete rest[facet];
  return rest;
}

/** The filters without one criterion's minimum rating. */
export function withoutMinRating(filters: SearchFilters, criterion: RatingCriterion): SearchFilters {
  const minRatings = { ...filters.minRatings };
  delete minRatings[criterion];
  const rest: SearchFilters = { ...filters, minRatings };
  if (Object.keys(minRatings).length === 0) delete rest.minRatings;
  return rest;
}

export function hasFilters(filters: SearchFilters): boolean {
  return Boolean(filters.category || filters.keyword || filters.license || minRatingEntries(filters).length > 0);
}
