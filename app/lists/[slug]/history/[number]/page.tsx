import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ListDiff } from "@/components/curation/list-diff";
import { MessageForm } from "@/components/curation/message-form";
import { PageHeading } from "@/components/ui/page-heading";
import { Section } from "@/components/ui/section";
import { TimeAgo } from "@/components/ui/time-ago";
import { getActor } from "@/lib/auth/get-actor";
import { canEditFilterList } from "@/lib/curation/can-edit-filter-list";
import { diffLines } from "@/lib/curation/diff-lines";
import { getFilterList } from "@/lib/curation/get-filter-list";
import { getFilterListRevision } from "@/lib/curation/get-filter-list-revision";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { routes } from "@/lib/routes";
import { revertFilterListAction } from "../../../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Filter list revision" };

export default async function ListRevisionPage({ params }: { params: Promise<{ slug: string; number: string }> }) {
  const { slug: rawSlug, number: rawNumber } = await params;
  const slug = decodeParam(rawSlug);
  if (!/^\d{1,9}$/.test(rawNumber)) notFound();
  const number = Number(rawNumber);
  const db = getDb();
  const [list, revision, actor] = await Promise.all([getFilterList(db, slug), getFilterListRevision(db, slug, number), getActor()]);
  if (!list || !revision) notFound();
  const canEdit = actor ? await canEditFilterList(db, actor, list.slug) : false;
  const rows = diffLines(revision.previousBody ?? "", revision.body);
  const isCurrent = revision.number === list.revision;

  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <p className="mb-2 text-sm">
          <Link href={routes.listHistory(list.slug)}>
            <span aria-hidden="true">← </span>History of {list.title}
          </Link>
        </p>
        <PageHeading
          lead={
            <>
              {revision.author ? <Link href={routes.user(revision.author.id)}>{revision.author.name ?? "(no name)"}</Link> : "The system"},{" "}
              <TimeAgo date={revision.createdAt} />: {revision.message || "(no message)"}
            </>
          }
        >
          {list.title}, revision {revision.number}
          {isCurrent ? " (current)" : ""}
        </PageHeading>
        <nav aria-label="Revisions" className="flex flex-wrap gap-4 text-sm">
          {revision.number > 1 ? <Link href={routes.listRevision(list.slug, revision.number - 1)}>← Revision {revision.number - 1}</Link> : null}
          {revision.number < list.revision ? <Link href={routes.listRevision(list.slug, revision.number + 1)}>Revision {revision.number + 1} →</Link> : null}
        </nav>
      </div>

      <Section id="diff" title={revision.previousBody === null ? "First version" : `Changes from revision ${revision.number - 1}`}>
        <ListDiff rows={rows} caption={`Changes in revision ${revision.number}`} />
      </Section>

      {canEdit && !isCurrent ? (
        <Section id="revert" title="Revert">
          <p className="mb-3 text-sm">
            Saves the text of revision {revision.number} as a new revision; the history keeps everything in between.
          </p>
          <MessageForm action={revertFilterListAction} label={`Revert to revision ${revision.number}`} submitLabel="Revert to this revision" pendingLabel="Reverting…">
            <input type="hidden" name="slug" value={list.slug} />
            <input type="hidden" name="toRevision" value={revision.number} />
          </MessageForm>
        </Section>
      ) : null}
    </div>
  );
}
