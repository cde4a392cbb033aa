import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import { criteria, criterionLabels, experienceLabels, type ReviewView } from "@/lib/reviews/review-views";
import { routes } from "@/lib/routes";

/**
 * A review as moderators judge it: the same content readers see (crate,
 * version, author, ratings, experience, body), plus its status.
 */
export function ReviewSummary({ review, now }: { review: ReviewView; now: Date }) {
  const rated = criteria.filter((c) => review.ratings[c] !== null);
  return (
    <div className="space-y-3">
      <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <Link href={routes.crate(review.crateName)} className="font-semibold">
          {review.crateName}
        </Link>
        <span className="text-subtle">{review.version}</span>
        <span aria-hidden="true" className="text-subtle">
          ·
        </span>
        <span>
          by <Link href={routes.user(review.author.id)}>{review.author.name}</Link>
        </span>
        <span aria-hidden="true" className="text-subtle">
          ·
        </span>
        <span className="text-subtle">
          written <TimeAgo date={review.createdAt} now={now} />
          {review.edited ? (
            <>
              , <Link href={routes.reviewHistory(review.crateName, review.id)}>edited</Link>
            </>
          ) : null}
        </span>
        {review.status === "hidden" ? <Badge tone="danger">Hidden</Badge> : <Badge tone="ok">Published</Badge>}
      </p>
      <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {rated.map((c) => (
          <div key={c} className="flex gap-1">
            <dt className="text-subtle">{criterionLabels[c]}</dt>
            <dd className="font-semibold">{review.ratings[c]}/5</dd>
          </div>
        ))}
        <div className="flex gap-1">
          <dt className="text-subtle">Experience</dt>
          <dd>{experienceLabels[review.experience]}</dd>
        </div>
      </dl>
      {/* bodyHtml is rendered and sanitized on the server by lib/reviews: the only HTML a review shows. */}
      <div
        tabIndex={0}
        role="region"
        aria-label={`Text of the review by ${review.author.name}`}
        className="max-h-96 overflow-y-auto rounded border border-line bg-page p-3 text-sm break-words [&_code]:font-mono [&_ol]:list-decimal [&_ol]:pl-5 [&_p+p]:mt-2 [&_pre]:overflow-x-auto [&_ul]:list-disc [&_ul]:pl-5"
        dangerouslySetInnerHTML={{ __html: review.bodyHtml }}
      />
    </div>
  );
}
