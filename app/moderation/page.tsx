import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";
import { DoneNotice } from "@/components/moderation/done-notice";
import { ModerationNav } from "@/components/moderation/moderation-nav";
import { RatingFreezeList } from "@/components/moderation/rating-freeze-list";
import { ReportedReviewCard } from "@/components/moderation/reported-review-card";
import { PageHeading } from "@/components/ui/page-heading";
import { Section } from "@/components/ui/section";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { listModerationQueue } from "@/lib/reviews/list-moderation-queue";
import { routes } from "@/lib/routes";
import { dismissReportsAction, hideReviewAction, releaseFreezeAction, restoreReviewAction } from "./actions";
import { moderationDoneMessage, moderationDoneParam } from "./moderation-done";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Moderation queue",
  robots: { index: false, follow: false },
};

const reviewActions = { hide: hideReviewAction, restore: restoreReviewAction, dismiss: dismissReportsAction };

export default async function ModerationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.moderation()));
  // The page check only decides what to show; every action checks the role again.
  if (!hasRole(actor, "moderator")) return <ForbiddenNotice actor={actor} needs="moderators and admins" what="see or act on the moderation queue" />;

  const [query, queue] = await Promise.all([searchParams, listModerationQueue(getDb(), actor)]);
  const now = new Date();
  const empty = queue.reported.length === 0 && queue.freezes.length === 0;

  return (
    <>
      <PageHeading lead="Reported reviews and frozen crate ratings waiting for a decision. Every decision needs a reason and is logged.">
        Moderation queue
      </PageHeading>
      <ModerationNav current="queue" />
      <DoneNotice message={moderationDoneMessage(query[moderationDoneParam])} />
      {empty ? (
        <p className="rounded border border-line bg-panel p-4 text-subtle">
          Nothing to review. Reports and frozen ratings appear here.
        </p>
      ) : (
        <div className="space-y-10">
          <Section
            id="reported"
            title="Reported reviews"
            aside={`${queue.reported.length} ${queue.reported.length === 1 ? "review" : "reviews"}`}
          >
            {queue.reported.length === 0 ? (
              <p className="text-sm text-subtle">No open reports.</p>
            ) : (
              <div className="space-y-6">
                {queue.reported.map(({ review, reports }) => (
                  <ReportedReviewCard key={review.id} review={review} reports={reports} actions={reviewActions} now={now} />
                ))}
              </div>
            )}
          </Section>
          <Section
            id="freezes"
            title="Frozen ratings"
            aside={`${queue.freezes.length} ${queue.freezes.length === 1 ? "crate" : "crates"}`}
          >
            {queue.freezes.length === 0 ? (
              <p className="text-sm text-subtle">No crate&apos;s ratings are frozen.</p>
            ) : (
              <>
                <p className="mb-3 text-sm text-subtle">
                  A burst of reviews or votes far above the crate&apos;s usual activity froze its ratings at their value
                  before the burst. Release the freeze once the burst is judged.
                </p>
                <RatingFreezeList freezes={queue.freezes} release={releaseFreezeAction} now={now} />
              </>
            )}
          </Section>
        </div>
      )}
    </>
  );
}
