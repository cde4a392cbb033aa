import { criteria, criterionLabels, type Ratings } from "@/lib/reviews/review-views";
import { StarRating } from "./star-rating";

/** The criteria a review rated, as label and stars; criteria left unrated are left out. */
export function CriterionRatings({ ratings, withOverall = false }: { ratings: Ratings; withOverall?: boolean }) {
  const rated = criteria.filter((c) => (withOverall || c !== "overall") && ratings[c] !== null);
  if (rated.length === 0) return null;
  return (
    <dl className="mt-3 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      {rated.map((c) => (
        <div key={c} className="flex items-baseline justify-between gap-3">
          <dt className="text-subtle">{criterionLabels[c]}</dt>
          <dd>
            <StarRating value={ratings[c] ?? 0} size="sm" />
          </dd>
        </div>
      ))}
    </dl>
  );
}
