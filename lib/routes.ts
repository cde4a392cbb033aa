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
  page?: number;
}

function searchUrl({ q, sort, category, keyword, license, page }: SearchUrlParams): string {
  return withQuery("/search", {
    q,
    sort: sort === "relevance" ? undefined : sort,
    category,
    keyword,
    license,
    page: page && page > 1 ? page : undefined,
  });
}

export const routes = {
  home: () => "/",
  search: (q?: string, page?: number) => searchUrl({ q, page }),
  /** A search with its sort and filters: `routes.searchWith({ ...current, license: "MIT", page: undefined })`. */
  searchWith: (params: SearchUrlParams) => searchUrl(params),
  crate: (name: string, version?: string) => withQuery(`/crates/${encodeURIComponent(name)}`, { version }),
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
  apiDocs: () => "/docs/api",
  rankingDocs: () => "/docs/ranking",
  status: () => "/status",
};
