import type { SearchResponse } from "./search-backend";

/** The JSON API's shape of a search answer (snake_case, ISO dates). Documented on /docs/api. */
export function searchResponseJson(response: SearchResponse) {
  return {
    total: response.total,
    page: response.page,
    per_page: response.perPage,
    results: response.results.map((hit) => ({
      name: hit.name,
      description: hit.description,
      max_version: hit.maxVersion,
      default_version: hit.defaultVersion,
      license: hit.license,
      downloads: hit.downloads,
      recent_downloads: hit.recentDownloads,
      reverse_dependencies: hit.reverseDependencies,
      updated_at: hit.updatedAt?.toISOString() ?? null,
      exact_match: hit.exactMatch,
      // By criterion (overall, documentation, api_design, ...): only the rated ones.
      ratings: hit.ratings,
      rank: {
        text: hit.rank.text,
        quality: hit.rank.quality,
        all_yanked: hit.rank.allYanked,
        rating: hit.rank.rating,
        parts: {
          downloads: hit.rank.parts.downloads,
          recent_downloads: hit.rank.parts.recentDownloads,
          reverse_dependencies: hit.rank.parts.reverseDependencies,
          freshness: hit.rank.parts.freshness,
        },
      },
    })),
    facets: response.facets,
    did_you_mean: response.didYouMean,
    backend: response.backend,
    degraded: response.degraded,
  };
}
