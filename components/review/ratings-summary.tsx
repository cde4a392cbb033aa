import { formatNumber } from "@/lib/registry/format";
import { newAccountDays } from "@/lib/reviews/action-weight";
import { priorWeight } from "@/lib/reviews/compute-rating-aggregate";
import { criteria, criterionLabels, type CrateRatingsView, type Criterion, type CriterionAggregate } from "@/lib/reviews/review-views";
import { FrozenNotice } from "./frozen-notice";
import { RatingHistogram } from "./rating-histogram";
import { StarRating } from "./star-rating";

const otherCriteria = criteria.filter((c) => c !== "overall");

function countText(count: number, noun = "rating"): string {
  return `${formatNumber(count)} ${noun}${count === 1 ? "" : "s"}`;
}

/** The aggregate of a criterion when someone rated it. */
function rated(ratings: CrateRatingsView, criterion: Criterion): CriterionAggregate | undefined {
  const aggregate = ratings.criteria.find((a) => a.criterion === criterion);
  return aggregate && aggregate.count > 0 ? aggregate : undefined;
}

/** One criterion with its score, count and histogram. */
function CriterionBlock({ criterion, ratings, crateName }: { criterion: Criterion; ratings: CrateRatingsView; crateName: string }) {
  const aggregate = rated(ratings, criterion);
  return (
    <div className="min-w-0 rounded border border-line p-3">
      <h3 className="text-sm font-semibold">{criterionLabels[criterion]}</h3>
      {aggregate ? (
        <>
          <p className="mt-1 flex flex-wrap items-baseline gap-x-2 text-sm">
            <StarRating value={aggregate.score} size="sm" precise />
            <span className="text-subtle">{countText(aggregate.count)}</span>
          </p>
          <div className="mt-2">
            <RatingHistogram
              histogram={aggregate.histogram}
              caption={`${criterionLabels[criterion]} ratings of ${crateName}, 5 stars to 1`}
            />
          </div>
        </>
      ) : (
        <p className="mt-1 text-sm text-subtle">Not rated yet</p>
      )}
    </div>
  );
}

/** The criteria as one short list: score and count each (the crate page's summary). */
function CriteriaList({ ratings }: { ratings: CrateRatingsView }) {
  return (
    <dl className="grid gap-x-8 gap-y-1 text-sm sm:grid-cols-2">
      {otherCriteria.map((criterion) => {
        const aggregate = rated(ratings, criterion);
        return (
          <div key={criterion} className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-line/60 py-1">
            <dt>{criterionLabels[criterion]}</dt>
            <dd className="flex items-baseline gap-2">
              {aggregate ? (
                <>
                  <StarRating value={aggregate.score} size="sm" precise />
                  <span className="text-subtle">({formatNumber(aggregate.count)})</span>
                </>
              ) : (
                <span className="text-subtle">not rated yet</span>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

/**
 * A crate's ratings: the overall score large with its histogram, then each
 * criterion (with its own histogram, or as a short list when `compact`).
 * Scores are the Bayesian averages kept by lib/reviews.
 */
export function RatingsSummary({
  ratings,
  crateName,
  compact = false,
}: {
  ratings: CrateRatingsView;
  /** The crate's name as published (ratings.crateName is its lower-case key). */
  crateName: string;
  compact?: boolean;
}) {
  const overall = rated(ratings, "overall");
  return (
    <div>
      {ratings.frozen ? <FrozenNotice since={ratings.frozen.since} /> : null}
      {overall ? (
        <>
          <div className="grid gap-4 sm:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
            <div>
              <p className="text-sm text-subtle">Overall</p>
              <p className="mt-1">
                <StarRating value={overall.score} size="lg" precise />
              </p>
              <p className="mt-1 text-sm text-subtle">from {countText(ratings.reviewCount, "review")}</p>
            </div>
            <RatingHistogram histogram={overall.histogram} caption={`Overall ratings of ${crateName}, 5 stars to 1`} />
          </div>
          <div className="mt-4">
            {compact ? (
              <CriteriaList ratings={ratings} />
            ) : (
              <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
                {otherCriteria.map((criterion) => (
                  <CriterionBlock key={criterion} criterion={criterion} ratings={ratings} crateName={crateName} />
                ))}
              </div>
            )}
          </div>
          <p className="mt-3 text-xs text-subtle">
            Each score is a Bayesian average: it counts as if the crate also had {priorWeight} ratings at the mean of
            all crates, so a single review cannot make a crate look perfect; reviews from accounts younger than{" "}
            {newAccountDays} days count less.
          </p>
        </>
      ) : (
        <p className="text-sm text-subtle">No ratings yet.</p>
      )}
    </div>
  );
}
