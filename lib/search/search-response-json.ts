import type { CrateCuration } from "../curation/crate-curation";
import type { SearchResponse } from "./search-backend";

/** The view a search applied, as the API names it. */
export interface AppliedView {
  slug: string;
  title: string;
}

function curationJson(curation: CrateCuration | null) {
  if (!curation) return null;
  const by = curation.decidedBy;
  return {
    action: curation.action,
    decided_by: by ? { list: by.listSlug, line: by.line, rule: by.rule, reason: by.reason } : null,
    labels: curation.labels,
    replace_with: curation.replaceWith,
  };
}

/** The JSON API's shape of a search answer (snake_case, ISO dates). Documented on /docs/api. */
export function searchResponseJson(response: SearchResponse, view: AppliedView | null = null) {
  return {
    view,
    hidden: response.hidden,
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
        demoted_factor: hit.rank.demotion?.factor ?? null,
        // A family root ranked with one of its parts' relevance (see /docs/ranking), else null.
        ranked_with: hit.rank.rankedWith,
        parts: {
          downloads: hit.rank.parts.downloads,
          recent_downloads: hit.rank.parts.recentDownloads,
          reverse_dependencies: hit.rank.parts.reverseDependencies,
          freshness: hit.rank.parts.freshness,
        },
      },
      // What the view does to the crate (hidden crates appear only with hidden=show).
      curation: curationJson(hit.curation),
    })),
    facets: response.facets,
    did_you_mean: response.didYouMean,
    backend: response.backend,
    degraded: response.degraded,
  };
}
