import Link from "next/link";
import { RATING_CRITERIA, ratingSort, ratingSortCriterion, type SearchSort } from "@/lib/search/search-backend";
import { RATING_LABELS, SORT_LABELS } from "./search-options";
import { searchHref, type SearchState } from "./search-state";

/** The orders shown in the row; the sorts by one criterion's rating sit in a disclosure after them. */
const ROW_SORTS = ["relevance", "downloads", "recent-downloads", "updated", "newest", "rating"] as const satisfies readonly SearchSort[];

const chip = "inline-block rounded border px-2 py-0.5";

function CurrentSort({ label }: { label: string }) {
  return (
    <span aria-current="true" className={`${chip} border-brand bg-brand-soft font-semibold text-brand`}>
      <span className="sr-only">Sorted by </span>
      {label}
    </span>
  );
}

function SortLink({ state, sort, label, srPrefix = "Sort by " }: { state: SearchState; sort: SearchSort; label: string; srPrefix?: string }) {
  return (
    <Link href={searchHref(state, { sort })} className={`${chip} border-line no-underline hover:bg-panel`}>
      <span className="sr-only">{srPrefix}</span>
      {label}
    </Link>
  );
}

/**
 * The sort orders as plain links (no JavaScript needed); the current one is
 * marked, not linked. "Rated for…" is a <details> listing a sort per rating
 * criterion (the current one, if any, is shown marked in the row).
 */
export function SearchSortLinks({ state }: { state: SearchState }) {
  const byCriterion = ratingSortCriterion(state.sort);
  const criterionSorts = RATING_CRITERIA.filter((c) => c !== "overall");
  return (
    <nav aria-label="Sort results" className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
      <span aria-hidden="true" className="text-subtle">
        Sort by
      </span>
      <ul className="flex flex-wrap items-center gap-1">
        {ROW_SORTS.map((sort) => (
          <li key={sort}>
            {sort === state.sort ? <CurrentSort label={SORT_LABELS[sort]} /> : <SortLink state={state} sort={sort} label={SORT_LABELS[sort]} />}
          </li>
        ))}
        {byCriterion !== null && byCriterion !== "overall" ? (
          <li>
            <CurrentSort label={SORT_LABELS[state.sort]} />
          </li>
        ) : null}
        <li>
          <details>
            <summary className={`${chip} cursor-pointer border-line hover:bg-panel`}>
              Rated for…<span className="sr-only"> (sort by one rating criterion)</span>
            </summary>
            <ul aria-label="Sort by the rating for" className="mt-1 flex flex-wrap gap-1">
              {criterionSorts
                .filter((criterion) => criterion !== byCriterion)
                .map((criterion) => (
                  <li key={criterion}>
                    <SortLink state={state} sort={ratingSort(criterion)} label={RATING_LABELS[criterion]} srPrefix="Sort by rating for " />
                  </li>
                ))}
            </ul>
          </details>
        </li>
      </ul>
    </nav>
  );
}
