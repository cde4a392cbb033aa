import { SortLinks } from "@/components/ui/sort-links";
import { reviewSorts, type ReviewSort } from "@/lib/reviews/list-crate-reviews";
import { reviewSortLabels } from "./review-sorts";

/** The review orders as plain links (no JavaScript needed); the current one is marked, not linked. */
export function ReviewSortLinks({ current, hrefFor }: { current: ReviewSort; hrefFor: (sort: ReviewSort) => string }) {
  return <SortLinks label="Sort reviews" sorts={reviewSorts} labels={reviewSortLabels} current={current} hrefFor={hrefFor} />;
}
