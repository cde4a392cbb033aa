import { SortLinks } from "@/components/ui/sort-links";
import type { DependentSort } from "@/lib/registry/list-dependents";
import { DEPENDENT_SORTS } from "@/lib/registry/list-dependents";
import { routes } from "@/lib/routes";

export const DEPENDENT_SORT_LABELS: Record<DependentSort, string> = {
  downloads: "All-time downloads",
  recent: "Recent downloads",
  name: "Name",
  updated: "Recently updated",
};

/** How the page's lead describes the order. */
export const DEPENDENT_SORT_PHRASES: Record<DependentSort, string> = {
  downloads: "most downloaded first",
  recent: "most downloaded in the last 90 days first",
  name: "by name",
  updated: "most recently updated first",
};

/** A dependents page URL with its order (`downloads`, the default, is left out) and page. */
export function dependentsHref(name: string, { sort = "downloads", page }: { sort?: DependentSort; page?: number } = {}): string {
  const href = routes.dependents(name, page);
  if (sort === "downloads") return href;
  return `${href}${href.includes("?") ? "&" : "?"}sort=${sort}`;
}

/**
 * The orders of the dependents listing as plain links (no JavaScript
 * needed); the current one is marked, not linked. `hrefFor` keeps the rest
 * of the page's state (the view); a new order starts again at page 1.
 */
export function DependentsSortLinks({ current, hrefFor }: { current: DependentSort; hrefFor: (sort: DependentSort) => string }) {
  return <SortLinks label="Sort dependents" sorts={DEPENDENT_SORTS} labels={DEPENDENT_SORT_LABELS} current={current} hrefFor={hrefFor} className="mb-3" />;
}
