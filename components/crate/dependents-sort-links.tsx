import Link from "next/link";
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

const chip = "inline-block rounded border px-2 py-0.5";

/**
 * The orders of the dependents listing as plain links (no JavaScript
 * needed); the current one is marked, not linked. `hrefFor` keeps the rest
 * of the page's state (the view); a new order starts again at page 1.
 */
export function DependentsSortLinks({ current, hrefFor }: { current: DependentSort; hrefFor: (sort: DependentSort) => string }) {
  return (
    <nav aria-label="Sort dependents" className="mb-3 flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
      <span aria-hidden="true" className="text-subtle">
        Sort by
      </span>
      <ul className="flex flex-wrap items-center gap-1">
        {DEPENDENT_SORTS.map((sort) => (
          <li key={sort}>
            {sort === current ? (
              <span aria-current="true" className={`${chip} border-brand bg-brand-soft font-semibold text-brand`}>
                <span className="sr-only">Sorted by </span>
                {DEPENDENT_SORT_LABELS[sort]}
              </span>
            ) : (
              <Link href={hrefFor(sort)} className={`${chip} border-line no-underline hover:bg-panel`}>
                <span className="sr-only">Sort by </span>
                {DEPENDENT_SORT_LABELS[sort]}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
