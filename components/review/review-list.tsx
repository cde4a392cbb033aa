import { ReviewCard, type ReviewCardOptions } from "./review-card";
import type { ReviewView } from "@/lib/reviews/review-views";

/** Reviews as a numbered list of cards, named for assistive technology by `label`. */
export function ReviewList({
  reviews,
  label,
  className = "",
  ...card
}: ReviewCardOptions & { reviews: ReviewView[]; label: string; className?: string }) {
  return (
    <ol className={`space-y-4 ${className}`} aria-label={label}>
      {reviews.map((review) => (
        <li key={review.id}>
          <ReviewCard review={review} {...card} />
        </li>
      ))}
    </ol>
  );
}
