import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ModerationQueue } from "@/lib/reviews/list-moderation-queue";
import { reportReasonLabels } from "@/lib/reviews/review-views";
import { routes } from "@/lib/routes";
import { ModerationForm } from "./moderation-form";
import type { ModerationFormState } from "./moderation-form-state";
import { ReviewSummary } from "./review-summary";

type ModerationAction = (state: ModerationFormState, formData: FormData) => Promise<ModerationFormState>;

/** One reported review in the queue: what it says, who reported it and why, and the decisions a moderator can take. */
export function ReportedReviewCard({
  review,
  reports,
  actions,
  now,
}: {
  review: ModerationQueue["reported"][number]["review"];
  reports: ModerationQueue["reported"][number]["reports"];
  actions: { hide: ModerationAction; restore: ModerationAction; dismiss: ModerationAction };
  now: Date;
}) {
  const headingId = `review-${review.id}-heading`;
  const about = `the review of ${review.crateName} by ${review.author.name}`;
  const fields = { reviewId: String(review.id) };
  return (
    <article aria-labelledby={headingId} className="space-y-4 rounded border border-line bg-panel p-4">
      <h3 id={headingId} className="font-semibold">
        Review of {review.crateName} by {review.author.name}
      </h3>
      <ReviewSummary review={review} now={now} />

      <div>
        <h4 className="mb-1 text-sm font-semibold">
          {reports.length} open {reports.length === 1 ? "report" : "reports"}
        </h4>
        <ul className="space-y-2 text-sm">
          {reports.map((report) => (
            <li key={`${report.reporter.id}-${report.createdAt.toISOString()}`} className="border-l-2 border-warn pl-3">
              <p className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <Badge tone="warn">{reportReasonLabels[report.reason]}</Badge>
                <span>
                  by <Link href={routes.user(report.reporter.id)}>{report.reporter.name}</Link>
                </span>
                <span className="text-subtle">
                  <TimeAgo date={report.createdAt} now={now} />
                </span>
              </p>
              {report.details ? <p className="mt-1 whitespace-pre-line break-words">{report.details}</p> : null}
            </li>
          ))}
        </ul>
      </div>

      <div className="grid gap-4 border-t border-line pt-3 md:grid-cols-2">
        {review.status === "hidden" ? (
          <ModerationForm
            action={actions.restore}
            name={`Restore ${about}`}
            fields={fields}
            reasonLabel="Reason for restoring"
            reasonHint="Publishes the review again; the reason goes to the moderation log."
            submitLabel="Restore review"
            tone="brand"
          />
        ) : (
          <ModerationForm
            action={actions.hide}
            name={`Hide ${about}`}
            fields={fields}
            reasonLabel="Reason for hiding"
            reasonHint="Only the author and moderators will see it; the reports are resolved and the reason is logged."
            submitLabel="Hide review"
            tone="danger"
          />
        )}
        <ModerationForm
          action={actions.dismiss}
          name={`Dismiss the reports on ${about}`}
          fields={fields}
          reasonLabel="Reason for dismissing"
          reasonHint="Closes these reports and leaves the review as it is; the reason is logged."
          submitLabel="Dismiss reports"
        />
      </div>
    </article>
  );
}
