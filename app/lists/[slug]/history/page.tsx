import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeading } from "@/components/ui/page-heading";
import { TimeAgo } from "@/components/ui/time-ago";
import { getFilterList } from "@/lib/curation/get-filter-list";
import { listFilterListRevisions } from "@/lib/curation/list-filter-list-revisions";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Filter list history" };

export default async function ListHistoryPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeParam((await params).slug);
  const db = getDb();
  const [list, revisions] = await Promise.all([getFilterList(db, slug), listFilterListRevisions(db, slug)]);
  if (!list) notFound();
  const now = new Date();
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={routes.list(list.slug)}>
          <span aria-hidden="true">← </span>Back to {list.title}
        </Link>
      </p>
      <PageHeading lead="Every saved revision, newest first. Open one to see what it changed.">History of {list.title}</PageHeading>
      {revisions.length === 0 ? (
        <p className="rounded border border-line bg-panel p-4 text-subtle">No revisions yet.</p>
      ) : (
        <ol className="space-y-3" aria-label="Revisions, newest first">
          {revisions.map((revision) => (
            <li key={revision.number} className="rounded border border-line p-3">
              <p className="flex flex-wrap items-baseline gap-x-3">
                <Link href={routes.listRevision(list.slug, revision.number)} className="font-semibold">
                  Revision {revision.number}
                  {revision.number === list.revision ? " (current)" : ""}
                </Link>
                <span className="text-sm text-subtle">
                  {revision.author ? (
                    <Link href={routes.user(revision.author.id)}>{revision.author.name ?? "(no name)"}</Link>
                  ) : (
                    "the system"
                  )}
                  , <TimeAgo date={revision.createdAt} now={now} />
                </span>
              </p>
              <p className="mt-1 break-words">{revision.message || <span className="text-subtle">(no message)</span>}</p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
