import type { Metadata } from "next";
import Link from "next/link";
import { browseWithViewHref } from "@/components/curation/browse-with-view";
import { ExportLinks } from "@/components/curation/export-links";
import { ViewLists } from "@/components/curation/view-lists";
import { Badge } from "@/components/ui/badge";
import { PageHeading } from "@/components/ui/page-heading";
import { TimeAgo } from "@/components/ui/time-ago";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { listViews } from "@/lib/curation/list-views";
import { getDb } from "@/lib/db";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Views",
  description: "Ways to browse Rust crates: each view applies filter lists in order, hiding and demoting what they name.",
};

export default async function ViewsPage() {
  const [actor, views] = await Promise.all([getActor(), listViews(getDb())]);
  const now = new Date();
  return (
    <>
      <PageHeading
        lead={
          <>
            A view applies <Link href={routes.lists()}>filter lists</Link> in order while you browse and search. Pick one to
            browse with; the site remembers it.
          </>
        }
      >
        Views
      </PageHeading>
      {hasRole(actor, "curator") ? (
        <p className="mb-6">
          <Link href={routes.newView()} className="rounded bg-brand px-4 py-2 font-semibold text-on-brand no-underline hover:bg-brand-strong hover:text-on-brand">
            New view
          </Link>
        </p>
      ) : null}
      {views.length === 0 ? (
        <p className="rounded border border-line bg-panel p-4 text-subtle">No views yet.</p>
      ) : (
        <ul className="space-y-4">
          {views.map((view) => (
            <li key={view.slug}>
              <article aria-labelledby={`view-${view.slug}`} className="rounded border border-line p-4">
                <h2 id={`view-${view.slug}`} className="text-lg font-semibold">
                  <Link href={routes.view(view.slug)}>{view.title}</Link>{" "}
                  {view.isDefault ? <Badge tone="brand">default</Badge> : null} {view.builtIn ? <Badge>built in</Badge> : null}
                </h2>
                {view.description ? <p className="text-subtle">{view.description}</p> : null}
                <div className="mt-2">
                  <ViewLists lists={view.lists} now={now} />
                </div>
                <p className="mt-2 text-sm">
                  Hides {view.hiddenCount.toLocaleString("en-US")} {view.hiddenCount === 1 ? "crate" : "crates"}
                  {view.evaluatedAt ? (
                    <>
                      , evaluated <TimeAgo date={view.evaluatedAt} now={now} />
                    </>
                  ) : (
                    ", not evaluated yet"
                  )}
                  . {view.owner ? <>Owner: <Link href={routes.user(view.owner.id)}>{view.owner.name ?? "(no name)"}</Link>.</> : null}
                </p>
                <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-2">
                  <Link href={browseWithViewHref(view.slug)} className="font-semibold">
                    Browse with this view<span className="sr-only">: {view.title}</span>
                  </Link>
                  <ExportLinks kind="view" slug={view.slug} label={`Exports of ${view.slug}`} />
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
