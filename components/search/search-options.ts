import { criteria, criterionKeys, criterionLabels } from "@/lib/reviews/review-views";
import type { FacetName, RatingCriterion, SearchSort } from "@/lib/search/search-backend";

// Words the search page and its parts show for the backend's sort, facet and rating names.

/** Criteria as reviews name them ("API design"), keyed as search spells them (`api_design`). */
export const RATING_LABELS = Object.fromEntries(criteria.map((c) => [criterionKeys[c], criterionLabels[c]])) as Record<RatingCriterion, string>;

/** "API design" stays as it is; "Documentation" becomes "documentation" inside a sentence. */
function inSentence(label: string): string {
  return /^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

export const SORT_LABELS: Record<SearchSort, string> = {
  relevance: "Relevance",
  downloads: "All-time downloads",
  "recent-downloads": "Recent downloads",
  updated: "Recently updated",
  newest: "Newest",
  rating: "Highest rated",
  "rating-documentation": `Highest rated: ${RATING_LABELS.documentation}`,
  "rating-api_design": `Highest rated: ${RATING_LABELS.api_design}`,
  "rating-reliability": `Highest rated: ${RATING_LABELS.reliability}`,
  "rating-maintenance": `Highest rated: ${RATING_LABELS.maintenance}`,
  "rating-security": `Highest rated: ${RATING_LABELS.security}`,
  "rating-performance": `Highest rated: ${RATING_LABELS.performance}`,
};

const ratedFirst = (criterion: RatingCriterion) => `best rated for ${inSentence(RATING_LABELS[criterion])} first, unrated crates last`;

/** How the results line describes the order: "12 crates match, best match first." */
export const SORT_ORDER_PHRASES: Record<SearchSort, string> = {
  relevance: "best match first",
  downloads: "most downloaded first",
  "recent-downloads": "most downloaded in the last 90 days first",
  updated: "most recently updated first",
  newest: "newest first",
  rating: "highest rated first, unrated crates last",
  "rating-documentation": ratedFirst("documentation"),
  "rating-api_design": ratedFirst("api_design"),
  "rating-reliability": ratedFirst("reliability"),
  "rating-maintenance": ratedFirst("maintenance"),
  "rating-security": ratedFirst("security"),
  "rating-performance": ratedFirst("performance"),
};

export const FACET_TITLES: Record<FacetName, string> = {
  category: "Categories",
  keyword: "Keywords",
  license: "Licenses",
};

/** A rating score as people read it: one decimal ("4.3"). */
export function formatRating(score: number): string {
  return score.toFixed(1);
}
