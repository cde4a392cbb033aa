import type { FacetDistribution, Hit, SearchParams } from "meilisearch";
import { rankBreakdown } from "../rank-score";
import {
  FACET_LIMIT,
  FACET_NAMES,
  RATING_CRITERIA,
  type FacetName,
  type SearchBackend,
  type SearchFacets,
  type SearchHit,
  type SearchRequest,
  type SearchResponse,
  type SearchSort,
} from "../search-backend";
import { canonicalName, MAX_QUERY_LENGTH, searchTerms } from "../search-terms";
import { createMeilisearchClient, type MeilisearchConnection } from "./create-meilisearch-client";
import { meilisearchFilter } from "./meilisearch-filter";
import { ratingAttribute, type SearchDocument } from "./search-document";

// Search on a Meilisearch index built by rebuild-search-index.ts. Meilisearch
// does the matching (prefixes, typos, synonyms) and the order (its ranking
// rules, then our quality score; see meilisearch-settings.ts). This adapter
// maps our request onto its search API and its answer back onto SearchResponse.

export const DEFAULT_INDEX_UID = "crates";

/** Display names of category slugs, for facet labels the page's hits do not already give. */
export type CategoryNames = (slugs: string[]) => Promise<Map<string, string>>;

export interface MeilisearchBackendOptions extends MeilisearchConnection {
  indexUid?: string;
  /** Looks up category names (e.g. lookupCategoryNames(db)); without it an unknown slug is its own label. */
  categoryNames?: CategoryNames;
  /** For the freshness part of each hit's rank; injectable for tests. */
  now?: () => Date;
}

/** The document attribute behind each facet (all filterable, see meilisearch-settings.ts). */
export const FACET_ATTRIBUTES = { category: "category_slugs", keyword: "keywords", license: "license" } as const satisfies Record<
  FacetName,
  keyof SearchDocument
>;

/**
 * Relevance sends no sort: the ranking rules order by text, then quality (an
 * empty query by quality alone). A rating sort puts documents without the
 * rating after every rated one (Meilisearch sorts documents missing the field
 * last), and the ranking rules order ties and the unrated.
 */
export const MEILISEARCH_SORTS: Record<SearchSort, string[] | undefined> = {
  relevance: undefined,
  downloads: ["downloads:desc"],
  "recent-downloads": ["recent_downloads:desc"],
  updated: ["updated_at:desc"],
  newest: ["created_at:desc"],
  rating: [`${ratingAttribute("overall")}:desc`],
  "rating-documentation": [`${ratingAttribute("documentation")}:desc`],
  "rating-api_design": [`${ratingAttribute("api_design")}:desc`],
  "rating-reliability": [`${ratingAttribute("reliability")}:desc`],
  "rating-maintenance": [`${ratingAttribute("maintenance")}:desc`],
  "rating-security": [`${ratingAttribute("security")}:desc`],
  "rating-performance": [`${ratingAttribute("performance")}:desc`],
};

export function createMeilisearchBackend(options: MeilisearchBackendOptions): SearchBackend {
  const index = createMeilisearchClient(options).index<SearchDocument>(options.indexUid ?? DEFAULT_INDEX_UID);
  return {
    name: "meilisearch",
    async search(request: SearchRequest): Promise<SearchResponse> {
      // The same length limit as the PostgreSQL backend; otherwise the text goes as typed.
      const q = request.q.slice(0, MAX_QUERY_LENGTH);
      const byText = q.trim() !== "";
      const filter = meilisearchFilter(request.filters);
      const params = {
        // page + hitsPerPage (not offset + limit) make totalHits exact, not estimated.
        page: request.page,
        hitsPerPage: request.perPage,
        filter: filter.length > 0 ? filter : undefined,
        sort: MEILISEARCH_SORTS[request.sort],
        facets: request.facets ? FACET_NAMES.map((name) => FACET_ATTRIBUTES[name]) : undefined,
        // Every word must match (with typos and prefixes), as in the PostgreSQL
        // backend; the default ("last") would let partial matches into the total.
        matchingStrategy: "all",
        showRankingScore: byText ? true : undefined,
      } satisfies SearchParams;
      const response = await index.search(q, params);
      // Only a one-token query can be a crate's exact name (as in the PostgreSQL backend).
      const terms = searchTerms(q);
      const exactName = terms.singleToken ? canonicalName(terms.name) : null;
      const now = options.now?.() ?? new Date();
      return {
        total: response.totalHits,
        page: request.page,
        perPage: request.perPage,
        results: response.hits.map((hit) => toHit(hit, byText, exactName, now)),
        facets: response.facetDistribution ? await toFacets(response.facetDistribution, response.hits, options.categoryNames) : null,
        // Typo tolerance already corrects misspelt words within the search
        // itself, so there is no separate "did you mean" query to offer.
        didYouMean: null,
        backend: "meilisearch",
        degraded: false,
      };
    },
  };
}

function toHit(hit: Hit<SearchDocument>, byText: boolean, exactName: string | null, now: Date): SearchHit {
  const updatedAt = hit.updated_at === null ? null : new Date(hit.updated_at * 1000);
  const ratings: SearchHit["ratings"] = {};
  for (const criterion of RATING_CRITERIA) {
    const score = hit[ratingAttribute(criterion)];
    const count = hit[`${ratingAttribute(criterion)}_count`];
    if (typeof score === "number" && typeof count === "number") ratings[criterion] = { score, count };
  }
  const facts = {
    downloads: hit.downloads,
    recentDownloads: hit.recent_downloads,
    reverseDependencies: hit.reverse_dependencies,
    updatedAt,
    allYanked: hit.all_yanked,
    overallRating: ratings.overall ?? null,
  };
  const exactMatch = hit.name_canonical === exactName;
  return {
    name: hit.name,
    description: hit.description,
    maxVersion: hit.max_version,
    defaultVersion: hit.default_version,
    downloads: hit.downloads,
    recentDownloads: hit.recent_downloads,
    reverseDependencies: hit.reverse_dependencies,
    updatedAt,
    exactMatch,
    license: hit.license,
    ratings,
    rank: rankBreakdown(facts, byText ? (hit._rankingScore ?? null) : null, exactMatch, now),
  };
}

async function toFacets(distribution: FacetDistribution, hits: SearchDocument[], categoryNames?: CategoryNames): Promise<SearchFacets> {
  const top = (name: FacetName) =>
    Object.entries(distribution[FACET_ATTRIBUTES[name]] ?? {})
      .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, FACET_LIMIT);
  const categories = top("category");
  const labels = new Map<string, string>();
  for (const hit of hits) hit.category_slugs.forEach((slug, i) => labels.set(slug, hit.categories[i] ?? slug));
  const unknown = categories.map(([slug]) => slug).filter((slug) => !labels.has(slug));
  if (unknown.length > 0 && categoryNames) for (const [slug, label] of await categoryNames(unknown)) labels.set(slug, label);
  return {
    category: categories.map(([value, count]) => ({ value, label: labels.get(value) ?? value, count })),
    keyword: top("keyword").map(([value, count]) => ({ value, label: value, count })),
    license: top("license").map(([value, count]) => ({ value, label: value, count })),
  };
}
