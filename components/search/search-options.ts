import type { FacetName, SearchSort } from "@/lib/search/search-backend";

// Words the search page and its parts show for the backend's sort and facet names.

export const SORT_LABELS: Record<SearchSort, string> = {
  relevance: "Relevance",
  downloads: "All-time downloads",
  "recent-downloads": "Recent downloads",
  updated: "Recently updated",
  newest: "Newest",
};

/** How the results line describes the order: "12 crates match, best match first." */
export const SORT_ORDER_PHRASES: Record<SearchSort, string> = {
  relevance: "best match first",
  downloads: "most downloaded first",
  "recent-downloads": "most downloaded in the last 90 days first",
  updated: "most recently updated first",
  newest: "newest first",
};

export const FACET_TITLES: Record<FacetName, string> = {
  category: "Categories",
  keyword: "Keywords",
  license: "Licenses",
};
