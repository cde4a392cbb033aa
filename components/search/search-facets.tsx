import Link from "next/link";
import { SideBlock } from "@/components/ui/side-block";
import { formatNumber } from "@/lib/registry/format";
import { FACET_NAMES, type SearchFacets } from "@/lib/search/search-backend";
import { FACET_TITLES } from "./search-options";
import { searchHref, withoutFilter, type SearchState } from "./search-state";

/**
 * Facet counts over every match. Each value links to the same search narrowed
 * by it (back to page 1); an active value links to the search without it.
 */
export function SearchFacetList({ facets, state }: { facets: SearchFacets; state: SearchState }) {
  const shown = FACET_NAMES.filter((facet) => facets[facet].length > 0 || state.filters[facet]);
  if (shown.length === 0) return null;
  return (
    <div className="space-y-6">
      {shown.map((facet) => {
        const active = state.filters[facet];
        return (
          <SideBlock key={facet} title={FACET_TITLES[facet]}>
            <ul className="space-y-1 text-sm">
              {facets[facet].map((value) => {
                const isActive = value.value === active;
                return (
                  <li key={value.value}>
                    <Link
                      href={
                        isActive
                          ? searchHref(state, { filters: withoutFilter(state.filters, facet) })
                          : searchHref(state, { filters: { ...state.filters, [facet]: value.value } })
                      }
                      aria-current={isActive ? "true" : undefined}
                      title={isActive ? `Remove the ${facet} filter` : undefined}
                      className={`flex items-baseline justify-between gap-3 rounded px-1.5 py-0.5 no-underline hover:bg-panel ${
                        isActive ? "bg-brand-soft font-semibold" : ""
                      }`}
                    >
                      <span className="min-w-0 break-words">
                        {isActive ? <span aria-hidden="true">× </span> : null}
                        {value.label}
                      </span>{" "}
                      <span className="shrink-0 text-subtle tabular-nums">
                        {formatNumber(value.count)}
                        <span className="sr-only"> {value.count === 1 ? "crate" : "crates"}</span>
                      </span>
                    </Link>
                  </li>
                );
              })}
            </ul>
          </SideBlock>
        );
      })}
    </div>
  );
}
