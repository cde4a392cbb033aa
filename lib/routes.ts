import { minRatingParam, RATING_CRITERIA, type RatingCriterion } from "./search/search-backend";

// Every internal URL the site links to, built in one place so pages, API docs
// and tests agree on the shape.
function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Everything a search results page keeps in its URL; absent or default values are left out. */
export interface SearchUrlParams {
  q?: string;
  /** `relevance` (the default) is left out of the URL. */
  sort?: string;
  category?: string;
  keyword?: string;
  license?: string;
  /** Rating filters, `min_<criterion>=N` in the URL (in RATING_CRITERIA order). */
  minRatings?: Partial<Record<RatingCriterion, number>>;
  page?: number;
  /** A curated view's slug (left out for the default view). */
  view?: string;
  /** List the crates the view hides too (`hidden=show`). */
  showHidden?: boolean;
}

function searchUrl({ q, sort, category, keyword, license, minRatings, page, view, showHidden }: SearchUrlParams): string {
  return withQuery("/search", {
    q,
    sort: sort === "relevance" ? undefined : sort,
    category,
    keyword,
    license,
    ...Object.fromEntries(RATING_CRITERIA.map((criterion) => [minRatingParam(criterion), minRatings?.[criterion]])),
    page: page && page > 1 ? page : undefined,
    view,
    hidden: showHidden ? "show" : undefined,
  });
}

export const routes = {
  home: () => "/",
  search: (q?: string, page?: number) => searchUrl({ q, page }),
  /** A search with its sort and filters: `routes.searchWith({ ...current, license: "MIT", page: undefined })`. */
  searchWith: (params: SearchUrlParams) => searchUrl(params),
  crate: (name: string, version?: string) => withQuery(`/crates/${encodeURIComponent(name)}`, { version }),
  /** A crate's reviews; `helpful` (the default sort) and page 1 are left out. `saved` shows the "review saved" notice. */
  crateReviews: (name: string, opts: { sort?: string; page?: number; saved?: "created" | "updated" } = {}) =>
    withQuery(`/crates/${encodeURIComponent(name)}/reviews`, {
      sort: opts.sort === "helpful" ? undefined : opts.sort,
      page: opts.page && opts.page > 1 ? opts.page : undefined,
      saved: opts.saved,
    }),
  writeReview: (name: string) => `/crates/${encodeURIComponent(name)}/reviews/write`,
  reviewHistory: (name: string, reviewId: number) => `/crates/${encodeURIComponent(name)}/reviews/${reviewId}/history`,
  user: (id: string, page?: number) =>
    withQuery(`/users/${encodeURIComponent(id)}`, { page: page && page > 1 ? page : undefined }),
  dependents: (name: string, page?: number) =>
    withQuery(`/crates/${encodeURIComponent(name)}/dependents`, { page: page && page > 1 ? page : undefined }),
  categories: () => "/categories",
  // Subcategory slugs contain `::`, which is legal in a path segment.
  category: (slug: string, page?: number) =>
    withQuery(`/categories/${slug.split("::").map(encodeURIComponent).join("::")}`, {
      page: page && page > 1 ? page : undefined,
    }),
  keyword: (keyword: string, page?: number) =>
    withQuery(`/keywords/${encodeURIComponent(keyword)}`, { page: page && page > 1 ? page : undefined }),
  /** Crates whose downloads grow fastest; page 1 is left out. */
  trending: (page?: number) => withQuery("/trending", { page: page && page > 1 ? page : undefined }),
  apiDocs: () => "/docs/api",
  rankingDocs: () => "/docs/ranking",
  status: () => "/status",
  /** The sign-in page; `callbackUrl` (a path on this site) is where it sends you afterwards. */
  signIn: (callbackUrl?: string) => withQuery("/signin", { callbackUrl: callbackUrl === "/" ? undefined : callbackUrl }),
  adminUsers: (opts: { q?: string; page?: number } = {}) =>
    withQuery("/admin/users", { q: opts.q, page: opts.page && opts.page > 1 ? opts.page : undefined }),
  moderation: () => "/moderation",
  moderationLog: (page?: number) => withQuery("/moderation/log", { page: page && page > 1 ? page : undefined }),
  lists: () => "/lists",
  /** A filter list; `saved` shows the "Revision N saved" notice. */
  list: (slug: string, opts: { saved?: number; created?: boolean } = {}) =>
    withQuery(`/lists/${encodeURIComponent(slug)}`, { saved: opts.saved, created: opts.created ? 1 : undefined }),
  /** A rule on its list's page (each line has an anchor `#L<line>`). */
  listLine: (slug: string, line: number) => `/lists/${encodeURIComponent(slug)}#L${line}`,
  newList: () => "/lists/new",
  editList: (slug: string) => `/lists/${encodeURIComponent(slug)}/edit`,
  listHistory: (slug: string) => `/lists/${encodeURIComponent(slug)}/history`,
  listRevision: (slug: string, revision: number) => `/lists/${encodeURIComponent(slug)}/history/${revision}`,
  views: () => "/views",
  /** A view; `saved` shows the "view saved" notice. */
  view: (slug: string, opts: { saved?: boolean } = {}) => withQuery(`/views/${encodeURIComponent(slug)}`, { saved: opts.saved ? 1 : undefined }),
  newView: () => "/views/new",
  editView: (slug: string) => `/views/${encodeURIComponent(slug)}/edit`,
  filterListDocs: () => "/docs/filter-lists",
  listExport: (slug: string, format: "text" | "json" | "cargo-deny") =>
    withQuery(`/api/v1/lists/${encodeURIComponent(slug)}`, { format }),
  viewExport: (slug: string, format: "json" | "cargo-deny") => withQuery(`/api/v1/views/${encodeURIComponent(slug)}`, { format }),
  /** The signed-in user's usage reports; `saved` (a report id) or `deleted` show a notice, `error` a refusal. */
  usage: (opts: { saved?: number; replaced?: boolean; deleted?: boolean; error?: string; sig?: string } = {}) =>
    withQuery("/usage", {
      saved: opts.saved,
      replaced: opts.replaced ? 1 : undefined,
      deleted: opts.deleted ? 1 : undefined,
      error: opts.error,
      sig: opts.sig,
    }),
  /** Where the upload form posts (a route handler: it reads the file with a size limit). */
  usageUpload: () => "/usage/upload",
  apiTokens: () => "/settings/tokens",
  apiUsageReports: () => "/api/v1/usage/reports",
  apiUsageReport: (id: number) => `/api/v1/usage/reports/${id}`,
  usageDocs: () => "/docs/api#usage-reports",
};
