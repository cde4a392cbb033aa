import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatDate } from "@/lib/registry/format";
import { experienceLabels, reportReasonLabels, type ReviewView } from "@/lib/reviews/review-views";
import type { ReportReason } from "@/lib/generated/prisma/client";
import { maxReportDetails } from "@/lib/reviews/report-review";
import { routes } from "@/lib/routes";
import { CriterionRatings } from "./criterion-ratings";
import type { FormMessageState } from "./form-states";
import { formatHelpful, helpfulExplanation } from "./format-helpful";
import { HelpfulVote } from "./helpful-vote";
import { ReportReviewForm } from "./report-review-form";
import { StarRating } from "./star-rating";

type FormAction = (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;

const reportReasons = (Object.keys(reportReasonLabels) as ReportReason[]).map((value) => ({
  value,
  label: reportReasonLabels[value],
}));

// Review bodies are HTML sanitized on the server; Tailwind's reset strips the
// default styles of what Markdown produces, so they are restored here.
const bodyClass =
  "review-body mt-3 space-y-2 break-words [&_a]:break-all [&_blockquote]:border-l-4 [&_blockquote]:border-line [&_blockquote]:pl-3 [&_blockquote]:text-subtle [&_code]:rounded [&_code]:bg-panel [&_code]:px-1 [&_code]:text-[0.9em] [&_h1]:font-semibold [&_h2]:font-semibold [&_h3]:font-semibold [&_h4]:font-semibold [&_ol]:list-decimal [&_ol]:pl-6 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-panel [&_pre]:p-3 [&_pre_code]:bg-transparent [&_pre_code]:p-0 [&_table]:text-sm [&_td]:border [&_td]:border-line [&_td]:px-2 [&_th]:border [&_th]:border-line [&_th]:px-2 [&_ul]:list-disc [&_ul]:pl-6";

/**
 * One review: who wrote it (or, on a user's page, which crate), the version and
 * experience, the ratings, the body, and the helpful and report controls for
 * signed-in readers other than the author.
 */
export interface ReviewCardOptions {
  /** The signed-in viewer's user id, or null. */
  viewerId: string | null;
  /** What the heading names: the author (on crate pages) or the crate (on a user's page). */
  show?: "author" | "crate";
  headingLevel?: 2 | 3;
  now: Date;
  voteAction: FormAction;
  reportAction: FormAction;
}

export function ReviewCard({
  review,
  viewerId,
  show = "author",
  headingLevel = 3,
  now,
  voteAction,
  reportAction,
}: ReviewCardOptions & { review: ReviewView }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const own = viewerId !== null && viewerId === review.author.id;
  const headingId = `review-${review.id}-heading`;
  return (
    <article id={`review-${review.id}`} aria-labelledby={headingId} className="scroll-mt-4 rounded border border-line p-4">
      <header className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <Heading id={headingId} className="font-semibold">
          {show === "author" ? (
            <>
              <span className="sr-only">Review by </span>
              <Link href={routes.user(review.author.id)}>{review.author.name}</Link>
            </>
          ) : (
            <>
              <span className="sr-only">Review of </span>
              <Link href={routes.crate(review.crateName)}>{review.crateName}</Link>
            </>
          )}
          {own ? <span className="ml-2 text-sm font-normal text-subtle">(your review)</span> : null}
        </Heading>
        <StarRating value={review.ratings.overall} />
      </header>

      <p className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-sm text-subtle">
        {show === "crate" ? (
          <span>
            by <Link href={routes.user(review.author.id)}>{review.author.name}</Link>
          </span>
        ) : null}
        <span>
          Version <span className="font-mono">{review.version}</span>
        </span>
        <span>{experienceLabels[review.experience]}</span>
        <span>
          <TimeAgo date={review.createdAt} now={now} />
        </span>
        {review.edited ? (
          <Link href={routes.reviewHistory(review.crateName, review.id)} title={`Last edited ${formatDate(review.updatedAt)}`}>
            edited<span className="sr-only">: see the history of this review</span>
          </Link>
        ) : null}
        {review.verifiedUser ? (
          <Badge tone="ok" title="This reviewer's uploaded Cargo.lock files use this crate; the review weighs more in the ratings.">
            Verified user
          </Badge>
        ) : null}
        {review.status === "hidden" ? <Badge tone="danger">Hidden by moderators</Badge> : null}
      </p>

      <CriterionRatings ratings={review.ratings} />

      {/* bodyHtml is rendered and sanitized on the server (lib/reviews); nothing else is inserted as HTML. */}
      <div className={bodyClass} dangerouslySetInnerHTML={{ __html: review.bodyHtml }} />

      <footer className="mt-4 flex flex-wrap items-start justify-between gap-x-6 gap-y-2">
        {viewerId !== null && !own && review.status === "published" ? (
          <>
            <HelpfulVote reviewId={review.id} helpful={review.helpful} voted={review.votedByViewer} action={voteAction} />
            <ReportReviewForm reviewId={review.id} reasons={reportReasons} detailsMaxLength={maxReportDetails} action={reportAction} />
          </>
        ) : (
          <p className="text-sm text-subtle" data-testid="helpful-count" title={helpfulExplanation}>
            {formatHelpful(review.helpful)}
          </p>
        )}
      </footer>
    </article>
  );
}
