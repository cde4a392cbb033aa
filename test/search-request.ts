import type { SearchRequest } from "../lib/search/search-backend";

/** A search request for tests: relevance order, first page of 10, no filters, no facets, unless `extra` says otherwise. */
export function searchRequest(q: string, extra: Partial<SearchRequest> = {}): SearchRequest {
  return { q, page: 1, perPage: 10, sort: "relevance", filters: {}, facets: false, ...extra };
}
