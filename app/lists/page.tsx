import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { PageHeading } from "@/components/ui/page-heading";
import { TableHead } from "@/components/ui/table-head";
import { TimeAgo } from "@/components/ui/time-ago";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { listFilterLists } from "@/lib/curation/list-filter-lists";
import { getDb } from "@/lib/db";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Filter lists",
  description: "Lists of rules curators write to hide, demote and label Rust crates: placeholders, squatted names, unmaintained crates.",
};

export default async function ListsPage() {
  const [actor, lists] = await Promise.all([getActor(), listFilterLists(getDb())]);
  const now = new Date();
  return (
    <>
      <PageHeading
        lead={
          <>
            Curators write rules that hide, demote or label crates; <Link href={routes.views()}>views</Link> combine lists
            for browsing. <Link href={routes.filterListDocs()}>How filter lists are written</Link>.
          </>
        }
      >
        Filter lists
      </PageHeading>
      {hasRole(actor, "curator") ? (
        <p className="mb-6">
          <Link href={routes.newList()} className="rounded bg-brand px-4 py-2 font-semibold text-on-brand no-underline hover:bg-brand-strong hover:text-on-brand">
            New list
          </Link>
        </p>
      ) : null}
      {lists.length === 0 ? (
        <p className="rounded border border-line bg-panel p-4 text-subtle">No lists yet. Curators can create the first one.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Filter lists">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Every filter list with its rule count, curators and last update</caption>
            <TableHead titles={["List", "Rules", "Curators", "Updated"]} />
            <tbody>
              {lists.map((list) => (
                <tr key={list.slug} className="border-b border-line align-top">
                  <td className="py-2 pr-4">
                    <Link href={routes.list(list.slug)} className="font-semibold">
                      {list.title}
                    </Link>{" "}
                    <code className="text-xs text-subtle">{list.slug}</code>
                    {list.builtIn ? (
                      <>
                        {" "}
                        <Badge>built in</Badge>
                      </>
                    ) : null}
                    {list.description ? <p className="text-subtle">{list.description}</p> : null}
                  </td>
                  <td className="py-2 pr-4 tabular-nums">{list.ruleCount.toLocaleString("en-US")}</td>
                  <td className="py-2 pr-4">
                    {list.curators.length === 0 ? (
                      <span className="text-subtle">admins only</span>
                    ) : (
                      list.curators.map((curator, index) => (
                        <span key={curator.id}>
                          {index > 0 ? ", " : null}
                          <Link href={routes.user(curator.id)}>{curator.name ?? "(no name)"}</Link>
                        </span>
                      ))
                    )}
                  </td>
                  <td className="py-2 whitespace-nowrap">
                    <TimeAgo date={list.updatedAt} now={now} /> <span className="text-subtle">(revision {list.revision})</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
