import type { FacetDistribution, Hit, MultiSearchParams, SearchParams, SearchResponse as MeiliSearchResponse } from "meilisearch";
import type { CrateCuration } from "../../curation/crate-curation";
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
import { hiddenInViewFilter, meilisearchFilter, viewFilter } from "./meilisearch-filter";
import { ratingAttribute, type SearchDocument } from "./search-document";

// Search on a Meilisearch index built by rebuild-search-index.ts. Meilisearch
// does the matching (prefixes, typos, synonyms) and the order (its ranking
// rules, then our quality score; see meilisearch-settings.ts). This adapter
// maps our request onto its search API and its answer back onto SearchResponse.
//
// A curated view (request.view) is applied as the PostgreSQL backend applies
// it, as far as an index allows: documents carry the views hiding them
// (`hidden_in_views`), so `NOT hidden_in_views = <id>` leaves those crates
// out (unless hidden crates are shown), and a second query in the same
// multi-search request counts the matches the view hides (`hidden`). The
// ranking rules cannot multiply relevance by a per-view factor, so demoted
// crates keep their place in Meilisearch's order; each hit still carries its
// verdict (`curation`) and the demotion in its rank, read from PostgreSQL
// (crate_verdicts) for the page's crates through `loadCurations`.

export const DEFAULT_INDEX_UID = "crates";

/** Display names of category slugs, for facet labels the page's hits do not already give. */
export type CategoryNames = (slugs: string[]) => Promise<Map<string, string>>;

/** A view's verdicts on the named crates (lower-case names as keys; crates without one absent). */
export type CrateCurations = (viewId: number, names: string[]) => Promise<Map<string, CrateCuration>>;

export interface MeilisearchBackendOptions extends MeilisearchConnection {
  indexUid?: string;
  /** Looks up category names (e.g. lookupCategoryNames(db)); without it an unknown slug is its own label. */
  categoryNames?: CategoryNames;
  /**
   * Looks up the request view's verdicts on the page's crates (e.g.
   * lookupCrateCurations(db)); without it hits carry no curation and no
   * demotion (hidden crates are still left out and counted: that is the index's).
   */
  loadCurations?: CrateCurations;
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
  const client = createMeilisearchClient(options);
  const indexUid = options.indexUid ?? DEFAULT_INDEX_UID;
  const index = client.index<SearchDocument>(indexUid);
  return {
    name: "meilisearch",
    async search(request: SearchRequest): Promise<SearchResponse> {
      // The same length limit as the PostgreSQL backend; otherwise the text goes as typed.
      const q = request.q.slice(0, MAX_QUERY_LENGTH);
      const byText = q.trim() !== "";
      const view = request.view ?? null;
      const filters = meilisearchFilter(request.filters);
      // Checks the view id before anything is sent (a RangeError otherwise).
      const filter = view ? [...filters, ...viewFilter(view)] : filters;
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
      let response: MeiliSearchResponse<SearchDocument>;
      let hidden: number | null = null;
      if (view) {
        // The page, and beside it (one request, one round trip) the number of
        // matches the view hides: the same words and filters, only the hidden
        // crates, no hits (hitsPerPage 0 still counts exactly).
        const countHidden = { q, filter: [...filters, hiddenInViewFilter(view.viewId)], hitsPerPage: 0, matchingStrategy: "all" } satisfies SearchParams;
        const queries = { queries: [{ indexUid, q, ...params }, { indexUid, ...countHidden }] } satisfies MultiSearchParams;
        const { results } = await client.multiSearch<MultiSearchParams, SearchDocument>(queries);
        const [page, counted] = results;
        if (!page || typeof counted?.totalHits !== "number") throw new Error("Meilisearch answered the view's multi-search without both results");
        response = page;
        hidden = counted.totalHits;
      } else {
        response = await index.search(q, params);
      }
      if (typeof response.totalHits !== "number") throw new Error("Meilisearch answered without totalHits");
      // Only a one-token query can be a crate's exact name (as in the PostgreSQL backend).
      const terms = searchTerms(q);
      const exactName = terms.singleToken ? canonicalName(terms.name) : null;
      const now = options.now?.() ?? new Date();
      const [facets, curations] = await Promise.all([
        response.facetDistribution ? toFacets(response.facetDistribution, response.hits, options.categoryNames) : null,
        view && options.loadCurations && response.hits.length > 0
          ? options.loadCurations(view.viewId, response.hits.map((hit) => hit.name.toLowerCase()))
          : new Map<string, CrateCuration>(),
      ]);
      return {
        total: response.totalHits,
        page: request.page,
        perPage: request.perPage,
        results: response.hits.map((hit) => toHit(hit, byText, exactName, now, curations.get(hit.name.toLowerCase()) ?? null)),
        facets,
        // Typo tolerance already corrects misspelt words within the search
        // itself, so there is no separate "did you mean" query to offer.
        didYouMean: null,
        backend: "meilisearch",
        degraded: false,
        hidden,
      };
    },
  };
}

function toHit(hit: Hit<SearchDocument>, byText: boolean, exactName: string | null, now: Date, curation: CrateCuration | null): SearchHit {
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
    // The verdict's rule, from PostgreSQL: the document's `demoted_in_views` says only which views demote it.
    demotedBy: curation?.action === "demote" ? curation.decidedBy : null,
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
    curation,
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
