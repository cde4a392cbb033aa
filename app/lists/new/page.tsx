import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";
import { curationLimits } from "@/components/curation/limits";
import { NewListForm } from "@/components/curation/new-list-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { routes } from "@/lib/routes";
import { createFilterListAction } from "../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New filter list", robots: { index: false } };

export default async function NewListPage() {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.newList()));
  // Decides what to show only: createFilterList checks the role again.
  if (!hasRole(actor, "curator")) return <ForbiddenNotice actor={actor} needs="curators and admins" what="create filter lists" />;
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={routes.lists()}>
          <span aria-hidden="true">← </span>All filter lists
        </Link>
      </p>
      <PageHeading
        lead={
          <>
            You become its first curator. The format is described in <Link href={routes.filterListDocs()}>how filter lists are written</Link>.
          </>
        }
      >
        New filter list
      </PageHeading>
      <NewListForm action={createFilterListAction} limits={curationLimits} />
    </div>
  );
}
