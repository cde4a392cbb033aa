import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";
import { FilterListEditor } from "@/components/curation/filter-list-editor";
import { curationLimits } from "@/components/curation/limits";
import { PageHeading } from "@/components/ui/page-heading";
import { getActor } from "@/lib/auth/get-actor";
import { canEditFilterList } from "@/lib/curation/can-edit-filter-list";
import { getFilterList } from "@/lib/curation/get-filter-list";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { routes } from "@/lib/routes";
import { editFilterListAction } from "../../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Edit filter list", robots: { index: false } };

export default async function EditListPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeParam((await params).slug);
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.editList(slug)));
  const db = getDb();
  const list = await getFilterList(db, slug);
  if (!list) notFound();
  // Decides what to show only: previewFilterList and saveFilterList check again.
  if (!(await canEditFilterList(db, actor, list.slug))) {
    return <ForbiddenNotice actor={actor} needs={`the curators of ${list.title} and admins`} what="edit this list" />;
  }
  return (
    <div className="max-w-4xl">
      <p className="mb-2 text-sm">
        <Link href={routes.list(list.slug)}>
          <span aria-hidden="true">← </span>Back to {list.title}
        </Link>
      </p>
      <PageHeading
        lead={
          <>
            Revision {list.revision}. Preview shows which crates the change hides or brings back before you save;{" "}
            <Link href={routes.filterListDocs()}>the format</Link>.
          </>
        }
      >
        Edit {list.title}
      </PageHeading>
      <FilterListEditor
        action={editFilterListAction}
        slug={list.slug}
        revision={list.revision}
        body={list.body}
        maxMessageLength={curationLimits.message}
      />
    </div>
  );
}
