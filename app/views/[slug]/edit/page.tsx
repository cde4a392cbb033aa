import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { ForbiddenNotice } from "@/components/auth/forbidden-notice";
import { curationLimits } from "@/components/curation/limits";
import { ViewForm } from "@/components/curation/view-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { getView } from "@/lib/curation/get-view";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { routes } from "@/lib/routes";
import { updateViewAction } from "../../actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Edit view", robots: { index: false } };

export default async function EditViewPage({ params }: { params: Promise<{ slug: string }> }) {
  const slug = decodeParam((await params).slug);
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.editView(slug)));
  const view = await getView(getDb(), slug);
  if (!view) notFound();
  // Decides what to show only: updateView checks again.
  if (!(hasRole(actor, "admin") || view.owner?.id === actor.id)) {
    return <ForbiddenNotice actor={actor} needs="the view's owner and admins" what="edit this view" />;
  }
  const lists = view.lists.map((item) => (item.kind === "list" ? `list:${item.slug}` : item.url)).join("\n");
  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={routes.view(view.slug)}>
          <span aria-hidden="true">← </span>Back to {view.title}
        </Link>
      </p>
      <PageHeading>Edit {view.title}</PageHeading>
      <ViewForm
        action={updateViewAction}
        slug={view.slug}
        initial={{ title: view.title, description: view.description, lists }}
        limits={curationLimits}
      />
    </div>
  );
}
