import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";
import { DoneNotice } from "@/components/moderation/done-notice";
import { ModerationLogTable } from "@/components/moderation/moderation-log-table";
import { ModerationNav } from "@/components/moderation/moderation-nav";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { getDb } from "@/lib/db";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { pageCount } from "@/lib/registry/pagination";
import { listModerationLog } from "@/lib/reviews/list-moderation-log";
import { routes } from "@/lib/routes";
import { restoreReviewAction } from "../actions";
import { moderationDoneMessage, moderationDoneParam } from "../moderation-done";
import { resolveLogSubjects } from "./resolve-log-subjects";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Moderation log",
  robots: { index: false, follow: false },
};

export default async function ModerationLogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const query = await searchParams;
  const page = parsePageParam(query.page);
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.moderationLog(page)));
  if (!hasRole(actor, "moderator")) return <ForbiddenNotice actor={actor} needs="moderators and admins" what="read the moderation log" />;

  const db = getDb();
  const log = await listModerationLog(db, actor, { page });
  const subjects = await resolveLogSubjects(db, [...new Set(log.entries.map((e) => e.subject))]);
  const totalPages = pageCount(log.total, log.perPage);

  return (
    <>
      <PageHeading lead="Every moderation decision and role change: who took it, on what, and why. Newest first.">
        Moderation log
      </PageHeading>
      <ModerationNav current="log" />
      <DoneNotice message={moderationDoneMessage(query[moderationDoneParam])} />
      {log.entries.length > 0 ? (
        <ModerationLogTable entries={log.entries} subjects={subjects} restore={restoreReviewAction} />
      ) : log.total > 0 ? (
        <PastLastPage page={page} totalPages={totalPages} lastPageHref={routes.moderationLog(totalPages)} />
      ) : (
        <p className="rounded border border-line bg-panel p-4 text-subtle">
          No decisions yet. Hiding, restoring, dismissing, freezes and role changes are recorded here.
        </p>
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => routes.moderationLog(p)} label="Log pages" />
    </>
  );
}
