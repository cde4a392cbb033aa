import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ExportLinks } from "@/components/curation/export-links";
import { ListRules } from "@/components/curation/list-rules";
import { MessageForm } from "@/components/curation/message-form";
import { Notice } from "@/components/curation/notice";
import { curationLimits } from "@/components/curation/limits";
import { ExternalLink } from "@/components/ui/external-link";
import { Fact } from "@/components/ui/fact";
import { PageHeading } from "@/components/ui/page-heading";
import { Section } from "@/components/ui/section";
import { TimeAgo } from "@/components/ui/time-ago";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { canEditFilterList } from "@/lib/curation/can-edit-filter-list";
import { getFilterList } from "@/lib/curation/get-filter-list";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { firstParam } from "@/lib/http/first-param";
import { routes } from "@/lib/routes";
import { addCuratorAction, removeCuratorAction } from "../actions";

export const dynamic = "force-dynamic";

const loadList = cache((slug: string) => getFilterList(getDb(), slug));

interface ListPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: ListPageProps): Promise<Metadata> {
  const list = await loadList(decodeParam((await params).slug));
  if (!list) return { title: "Filter list not found" };
  return { title: `${list.title} (filter list)`, description: list.description || undefined };
}

function expiresText(minutes: number): string {
  if (minutes % (24 * 60) === 0) return `${minutes / (24 * 60)} day(s)`;
  if (minutes % 60 === 0) return `${minutes / 60} hour(s)`;
  return `${minutes} minutes`;
}

export default async function ListPage({ params, searchParams }: ListPageProps) {
  const slug = decodeParam((await params).slug);
  const [list, actor, query] = await Promise.all([loadList(slug), getActor(), searchParams]);
  if (!list) notFound();
  const db = getDb();
  const canEdit = actor ? await canEditFilterList(db, actor, list.slug) : false;
  const isAdmin = hasRole(actor, "admin");
  const saved = Number(firstParam(query.saved));
  const created = firstParam(query.created) === "1";
  const now = new Date();
  const header = list.header;

  return (
    <div className="space-y-8">
      <div>
        <p className="mb-2 text-sm">
          <Link href={routes.lists()}>
            <span aria-hidden="true">← </span>All filter lists
          </Link>
        </p>
        {created ? <Notice>List created: revision {list.revision} saved.</Notice> : null}
        {!created && Number.isInteger(saved) && saved > 0 ? <Notice>Revision {saved} saved.</Notice> : null}
        <PageHeading lead={list.description || undefined}>{list.title}</PageHeading>
        <nav aria-label="This list" className="flex flex-wrap gap-3 text-sm">
          {canEdit ? (
            <Link href={routes.editList(list.slug)} className="rounded bg-brand px-3 py-1.5 font-semibold text-on-brand no-underline hover:bg-brand-strong hover:text-on-brand">
              Edit
            </Link>
          ) : null}
          <Link href={routes.listHistory(list.slug)} className="rounded border border-line px-3 py-1.5 font-medium no-underline hover:bg-panel">
            History
          </Link>
        </nav>
      </div>

      <dl className="grid grid-cols-2 gap-4 rounded border border-line bg-panel p-4 sm:grid-cols-4">
        <Fact label="Slug">
          <code>{list.slug}</code>
        </Fact>
        <Fact label="Rules">{list.ruleCount.toLocaleString("en-US")}</Fact>
        <Fact label="Revision">{list.revision}</Fact>
        <Fact label="Updated">
          <TimeAgo date={list.updatedAt} now={now} />
        </Fact>
        {header.version ? <Fact label="Version">{header.version}</Fact> : null}
        {header.license ? <Fact label="License">{header.license}</Fact> : null}
        {header.homepage ? (
          <Fact label="Homepage">
            <ExternalLink href={header.homepage} className="break-all" />
          </Fact>
        ) : null}
        {header.expiresMinutes ? <Fact label="Subscribers refresh every">{expiresText(header.expiresMinutes)}</Fact> : null}
        {list.builtIn ? <Fact label="Kind">Built in</Fact> : null}
      </dl>

      <Section id="exports" title="Export">
        <ExportLinks kind="list" slug={list.slug} label={`Exports of ${list.slug}`} />
      </Section>

      <div className="grid gap-8 md:grid-cols-2">
        <Section id="curators" title="Curators">
          {list.curators.length === 0 ? (
            <p className="text-subtle">No curators: only admins can edit this list.</p>
          ) : (
            <ul className="space-y-2">
              {list.curators.map((curator) => (
                <li key={curator.id} className="flex flex-wrap items-center gap-3">
                  <Link href={routes.user(curator.id)}>{curator.name ?? "(no name)"}</Link>
                  {isAdmin ? (
                    <MessageForm
                      action={removeCuratorAction}
                      label={`Remove ${curator.name ?? curator.id} from the curators`}
                      submitLabel={
                        <>
                          Remove<span className="sr-only"> {curator.name ?? curator.id}</span>
                        </>
                      }
                      pendingLabel="Removing…"
                      danger
                    >
                      <input type="hidden" name="slug" value={list.slug} />
                      <input type="hidden" name="userId" value={curator.id} />
                    </MessageForm>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {isAdmin ? (
            <MessageForm action={addCuratorAction} label="Add a curator" submitLabel="Add curator" pendingLabel="Adding…" className="mt-4">
              <input type="hidden" name="slug" value={list.slug} />
              <div className="min-w-0 flex-1">
                <label htmlFor="curator-user" className="block text-sm font-medium">
                  User id or email
                </label>
                <input
                  id="curator-user"
                  name="user"
                  required
                  maxLength={curationLimits.curator}
                  className="mt-1 h-9 w-full rounded border border-line bg-page px-2 text-sm text-ink"
                />
              </div>
            </MessageForm>
          ) : null}
        </Section>

        <Section id="used-by" title="Used by views">
          {list.usedBy.length === 0 ? (
            <p className="text-subtle">No view uses this list yet.</p>
          ) : (
            <ul className="list-disc space-y-1 pl-5">
              {list.usedBy.map((view) => (
                <li key={view.slug}>
                  <Link href={routes.view(view.slug)}>{view.title}</Link>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>

      <Section id="rules" title="Rules" aside={<Link href={routes.filterListDocs()}>How to read them</Link>}>
        <ListRules body={list.body} />
      </Section>
    </div>
  );
}
