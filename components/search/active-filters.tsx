import Link from "next/link";
import { FACET_NAMES, minRatingEntries, type FacetName } from "@/lib/search/search-backend";
import { RATING_LABELS } from "./search-options";
import { searchHref, withoutFilter, withoutMinRating, type SearchState } from "./search-state";

const chipClass =
  "inline-flex items-center gap-1 rounded-full border border-brand/40 bg-brand-soft px-2.5 py-0.5 text-brand no-underline hover:border-brand";

/** The filters in force as removable chips: "× category: Web programming", "× Documentation rating: 4+". */
export function ActiveFilters({ state, labels }: { state: SearchState; labels: Partial<Record<FacetName, string>> }) {
  const active = FACET_NAMES.filter((facet) => state.filters[facet]);
  const ratings = minRatingEntries(state.filters);
  if (active.length + ratings.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <h2 className="text-subtle">Filtered by</h2>
      <ul className="flex flex-wrap gap-2">
        {active.map((facet) => {
          const label = labels[facet] ?? state.filters[facet];
          return (
            <li key={facet}>
              <Link
                href={searchHref(state, { filters: withoutFilter(state.filters, facet) })}
                aria-label={`Remove filter ${facet}: ${label}`}
                className={chipClass}
              >
                <span aria-hidden="true">×</span>
                <span className="break-all">
                  {facet}: {label}
                </span>
              </Link>
            </li>
          );
        })}
        {ratings.map(([criterion, min]) => (
          <li key={criterion}>
            <Link
              href={searchHref(state, { filters: withoutMinRating(state.filters, criterion) })}
              aria-label={`Remove filter ${RATING_LABELS[criterion]} rating: at least ${min}`}
              className={chipClass}
            >
              <span aria-hidden="true">×</span>
              <span>
                {RATING_LABELS[criterion]} rating: {min}+
              </span>
            </Link>
          </li>
        ))}
        {active.length + ratings.length > 1 ? (
          <li>
            <Link href={searchHref(state, { filters: {} })} className="inline-block px-1 py-0.5">
              Clear all filters
            </Link>
          </li>
        ) : null}
      </ul>
    </div>
  );
}
