import Link from "next/link";
import { reviewSorts, type ReviewSort } from "@/lib/reviews/list-crate-reviews";
import { reviewSortLabels } from "./review-sorts";

/** The review orders as plain links (no JavaScript needed); the current one is marked, not linked. */
export function ReviewSortLinks({ current, hrefFor }: { current: ReviewSort; hrefFor: (sort: ReviewSort) => string }) {
  return (
    <nav aria-label="Sort reviews" className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
      <span aria-hidden="true" className="text-subtle">
        Sort by
      </span>
      <ul className="flex flex-wrap items-center gap-1">
        {reviewSorts.map((sort) => (
          <li key={sort}>
            {sort === current ? (
              <span
                aria-current="true"
                className="inline-block rounded border border-brand bg-brand-soft px-2 py-0.5 font-semibold text-brand"
              >
                <span className="sr-only">Sorted by </span>
                {reviewSortLabels[sort]}
              </span>
            ) : (
              <Link href={hrefFor(sort)} className="inline-block rounded border border-line px-2 py-0.5 no-underline hover:bg-panel">
                <span className="sr-only">Sort by </span>
                {reviewSortLabels[sort]}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
