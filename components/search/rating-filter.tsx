import { SideBlock } from "@/components/ui/side-block";
import { routes } from "@/lib/routes";
import { MIN_RATING_RANGE, minRatingParam, RATING_CRITERIA, type RatingCriterion } from "@/lib/search/search-backend";
import { RATING_LABELS } from "./search-options";
import type { SearchState } from "./search-state";

const MINIMUMS = Array.from({ length: MIN_RATING_RANGE.max - MIN_RATING_RANGE.min + 1 }, (_, i) => MIN_RATING_RANGE.min + i);

function minimumLabel(min: number): string {
  return min === MIN_RATING_RANGE.max ? `${min} stars` : `${min}+ stars`;
}

/**
 * "Rating": a minimum per criterion, as a plain GET form to /search that keeps
 * the query, the sort and the other filters in hidden fields (no JavaScript
 * needed; the page drops the criteria left at "Any" from the URL). Sending it
 * starts again at page 1.
 */
export function RatingFilter({ state }: { state: SearchState }) {
  const { q, sort, filters } = state;
  const kept: [string, string | undefined][] = [
    ["q", q || undefined],
    ["sort", sort === "relevance" ? undefined : sort],
    ["category", filters.category],
    ["keyword", filters.keyword],
    ["license", filters.license],
    ["view", state.view],
    ["hidden", state.showHidden ? "show" : undefined],
  ];
  return (
    <SideBlock title="Rating">
      <form action={routes.search()} method="get" className="space-y-2 text-sm">
        {kept.map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
        <p className="text-subtle">The lowest average rating from reviews a crate may have. Crates nobody rated on that point are left out.</p>
        {RATING_CRITERIA.map((criterion) => (
          <MinimumSelect key={criterion} criterion={criterion} value={filters.minRatings?.[criterion]} />
        ))}
        <button
          type="submit"
          className="rounded border border-brand bg-brand px-3 py-1 font-semibold text-on-brand hover:bg-brand-strong"
        >
          Apply ratings
        </button>
      </form>
    </SideBlock>
  );
}

function MinimumSelect({ criterion, value }: { criterion: RatingCriterion; value: number | undefined }) {
  const id = `min-rating-${criterion}`;
  return (
    <div className="flex items-center justify-between gap-2">
      <label htmlFor={id} className="min-w-0">
        {RATING_LABELS[criterion]}
      </label>
      <select
        id={id}
        name={minRatingParam(criterion)}
        defaultValue={value === undefined ? "" : String(value)}
        className="shrink-0 rounded border border-line bg-page px-1.5 py-0.5"
      >
        <option value="">Any</option>
        {MINIMUMS.map((min) => (
          <option key={min} value={String(min)}>
            {minimumLabel(min)}
          </option>
        ))}
      </select>
    </div>
  );
}
