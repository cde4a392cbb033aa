import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { browseWithViewHref } from "@/components/curation/browse-with-view";
import { ExportLinks } from "@/components/curation/export-links";
import { Notice } from "@/components/curation/notice";
import { ViewLists } from "@/components/curation/view-lists";
import { Fact } from "@/components/ui/fact";
import { PageHeading } from "@/components/ui/page-heading";
import { Section } from "@/components/ui/section";
import { TimeAgo } from "@/components/ui/time-ago";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { getView } from "@/lib/curation/get-view";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { firstParam } from "@/lib/http/first-param";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

const loadView = cache((slug: string) => getView(getDb(), slug));

interface ViewPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: ViewPageProps): Promise<Metadata> {
  const view = await loadView(decodeParam((await params).slug));
  if (!view) return { title: "View not found" };
  return { title: `${view.title} (view)`, description: view.description || undefined };
}

export default async function ViewPage({ params, searchParams }: ViewPageProps) {
  const slug = decodeParam((await params).slug);
  const [view, actor, query] = await Promise.all([loadView(slug), getActor(), searchParams]);
  if (!view) notFound();
  const canEdit = actor !== null && (hasRole(actor, "admin") || view.owner?.id === actor.id);
  const now = new Date();
  return (
    <div className="space-y-8">
      <div>
        <p className="mb-2 text-sm">
          <Link href={routes.views()}>
            <span aria-hidden="true">← </span>All views
          </Link>
        </p>
        {firstParam(query.saved) === "1" ? <Notice>View saved. Its hidden crates are counted again shortly.</Notice> : null}
        <PageHeading lead={view.description || undefined}>{view.title}</PageHeading>
        <nav aria-label="This view" className="flex flex-wrap gap-3 text-sm">
          <Link href={browseWithViewHref(view.slug)} className="rounded bg-brand px-3 py-1.5 font-semibold text-on-brand no-underline hover:bg-brand-strong hover:text-on-brand">
            Browse with this view
          </Link>
          {canEdit ? (
            <Link href={routes.editView(view.slug)} className="rounded border border-line px-3 py-1.5 font-medium no-underline hover:bg-panel">
              Edit
            </Link>
          ) : null}
        </nav>
      </div>

      <dl className="grid grid-cols-2 gap-4 rounded border border-line bg-panel p-4 sm:grid-cols-4">
        <Fact label="Slug">
          <code>{view.slug}</code>
        </Fact>
        <Fact label="Hidden crates">{view.hiddenCount.toLocaleString("en-US")}</Fact>
        <Fact label="Evaluated">{view.evaluatedAt ? <TimeAgo date={view.evaluatedAt} now={now} /> : "Not yet"}</Fact>
        <Fact label="Owner">
          {view.owner ? <Link href={routes.user(view.owner.id)}>{view.owner.name ?? "(no name)"}</Link> : view.builtIn ? "Built in" : "Nobody"}
        </Fact>
      </dl>

      <Section id="lists" title="Lists, in the order they decide">
        <ViewLists lists={view.lists} detailed now={now} />
      </Section>

      <Section id="exports" title="Export">
        <ExportLinks kind="view" slug={view.slug} label={`Exports of ${view.slug}`} />
      </Section>
    </div>
  );
}
