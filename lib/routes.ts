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

export const routes = {
  home: () => "/",
  search: (q?: string, page?: number) => withQuery("/search", { q, page: page && page > 1 ? page : undefined }),
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
  status: () => "/status",
};
