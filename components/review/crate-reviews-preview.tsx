import Link from "next/link";
import { Section } from "@/components/ui/section";
import { formatNumber } from "@/lib/registry/format";
import type { CrateRatingsView, ReviewView } from "@/lib/reviews/review-views";
import { routes } from "@/lib/routes";
import type { FormMessageState } from "./form-states";
import { RatingsSummary } from "./ratings-summary";
import { ReviewCallToAction } from "./review-call-to-action";
import { ReviewList } from "./review-list";
import { ReviewsEmpty } from "./reviews-empty";

type FormAction = (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;

/** The crate page's "Ratings" and "Reviews" sections: the summary and the most helpful few reviews. */
export function CrateReviewsPreview({
  crateName,
  ratings,
  reviews,
  total,
  viewerId,
  hasOwnReview,
  now,
  voteAction,
  reportAction,
}: {
  crateName: string;
  ratings: CrateRatingsView;
  /** The most helpful few. */
  reviews: ReviewView[];
  total: number;
  viewerId: string | null;
  hasOwnReview: boolean;
  now: Date;
  voteAction: FormAction;
  reportAction: FormAction;
}) {
  const callToAction = (
    <ReviewCallToAction
      crateName={crateName}
      viewer={viewerId === null ? "anonymous" : hasOwnReview ? "reviewed" : "new"}
      returnTo={`${routes.crate(crateName)}#reviews`}
    />
  );
  return (
    <>
      <Section id="ratings" title="Ratings" aside={total > 0 ? callToAction : undefined}>
        <RatingsSummary ratings={ratings} crateName={crateName} compact />
      </Section>

      <Section
        id="reviews"
        title="Reviews"
        aside={
          total > 0 ? (
            <Link href={routes.crateReviews(crateName)}>
              All {formatNumber(total)} {total === 1 ? "review" : "reviews"}
            </Link>
          ) : undefined
        }
      >
        {total === 0 ? (
          <ReviewsEmpty action={callToAction} />
        ) : (
          <>
            <p className="mb-3 text-sm text-subtle">The most helpful reviews, as voted by readers.</p>
            <ReviewList
              reviews={reviews}
              label={`Most helpful reviews of ${crateName}`}
              viewerId={viewerId}
              now={now}
              voteAction={voteAction}
              reportAction={reportAction}
            />
            <p className="mt-3 text-sm">
              <Link href={routes.crateReviews(crateName)} className="font-semibold">
                See all {formatNumber(total)} {total === 1 ? "review" : "reviews"}
              </Link>
            </p>
          </>
        )}
      </Section>
    </>
  );
}
