import Link from "next/link";
import { SEARCH_SORTS } from "@/lib/search/search-backend";
import { SORT_LABELS } from "./search-options";
import { searchHref, type SearchState } from "./search-state";

/** The sort orders as plain links (no JavaScript needed); the current one is marked, not linked. */
export function SearchSortLinks({ state }: { state: SearchState }) {
  return (
    <nav aria-label="Sort results" className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
      <span aria-hidden="true" className="text-subtle">
        Sort by
      </span>
      <ul className="flex flex-wrap items-center gap-1">
        {SEARCH_SORTS.map((sort) =>
          sort === state.sort ? (
            <li key={sort}>
              <span
                aria-current="true"
                className="inline-block rounded border border-brand bg-brand-soft px-2 py-0.5 font-semibold text-brand"
              >
                <span className="sr-only">Sorted by </span>
                {SORT_LABELS[sort]}
              </span>
            </li>
          ) : (
            <li key={sort}>
              <Link
                href={searchHref(state, { sort })}
                className="inline-block rounded border border-line px-2 py-0.5 no-underline hover:bg-panel"
              >
                <span className="sr-only">Sort by </span>
                {SORT_LABELS[sort]}
              </Link>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
