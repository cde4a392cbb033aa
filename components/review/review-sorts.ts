import { reviewSorts, type ReviewSort } from "@/lib/reviews/list-crate-reviews";

export const reviewSortLabels: Record<ReviewSort, string> = {
  helpful: "Most helpful",
  recent: "Most recent",
  highest: "Highest rated",
  lowest: "Lowest rated",
};

/** A sort from a page's URL; anything unknown falls back to the default, as hand-edited URLs should. */
export function parseReviewSort(value: string | undefined): ReviewSort {
  return (reviewSorts as readonly string[]).includes(value ?? "") ? (value as ReviewSort) : "helpful";
}
