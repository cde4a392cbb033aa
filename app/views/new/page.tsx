import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";
import { curationLimits } from "@/components/curation/limits";
import { ViewForm } from "@/components/curation/view-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { routes } from "@/lib/routes";
import { createViewAction } from "../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "New view", robots: { index: false } };

export default async function NewViewPage() {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.newView()));
  if (!hasRole(actor, "curator")) return <ForbiddenNotice actor={actor} needs="curators and admins" what="create views" />;
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={routes.views()}>
          <span aria-hidden="true">← </span>All views
        </Link>
      </p>
      <PageHeading lead="Combine filter lists; you own the view and can change it later.">New view</PageHeading>
      <ViewForm action={createViewAction} slug={null} initial={{ title: "", description: "", lists: "" }} limits={curationLimits} />
    </div>
  );
}
