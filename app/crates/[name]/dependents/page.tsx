import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DependentsList } from "@/components/crate/dependents-list";
import { DEPENDENT_SORT_LABELS, DEPENDENT_SORT_PHRASES, dependentsHref, DependentsSortLinks } from "@/components/crate/dependents-sort-links";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { ListingHiddenNote } from "@/components/view/hidden-count-note";
import { DependentAdoption } from "@/components/usage/dependent-adoption";
import { UnknownViewNote } from "@/components/view/unknown-view-note";
import { getListingView } from "@/lib/curation/get-page-view";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { firstParam } from "@/lib/http/first-param";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { formatNumber } from "@/lib/registry/format";
import { getCrate } from "@/lib/registry/get-crate";
import { isDependentSort, listDependents, type DependentSort } from "@/lib/registry/list-dependents";
import { pageCount } from "@/lib/registry/pagination";
import { routes } from "@/lib/routes";
import { getDependencyStats } from "@/lib/usage/get-dependency-stats";

export const dynamic = "force-dynamic";

const PER_PAGE = 50;

const loadCrate = cache((name: string) => getCrate(getDb(), name));

interface DependentsPageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: DependentsPageProps): Promise<Metadata> {
  const crate = await loadCrate(decodeParam((await params).name));
  if (!crate) return { title: "Crate not found" };
  return {
    title: `Crates that depend on ${crate.name}`,
    description: `Direct reverse dependencies of the ${crate.name} Rust crate, most downloaded first.`,
  };
}

/** `?sort=`: an order we do not know falls back to the default, with a note (shared and hand-edited URLs must not fail). */
function readSort(value: string | string[] | undefined): { sort: DependentSort; note: string | null } {
  const raw = firstParam(value)?.trim();
  if (!raw) return { sort: "downloads", note: null };
  if (isDependentSort(raw)) return { sort: raw, note: null };
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return {
    sort: "downloads",
    note: `“${shown}” is not a sort order we know, so the dependents are sorted by ${DEPENDENT_SORT_LABELS.downloads.toLowerCase()}.`,
  };
}

export default async function DependentsPage({ params, searchParams }: DependentsPageProps) {
  const [{ name }, query] = await Promise.all([params, searchParams]);
  const crate = await loadCrate(decodeParam(name));
  if (!crate) notFound();

  const page = parsePageParam(query.page);
  const { sort, note: sortNote } = readSort(query.sort);
  const listing = await getListingView(query);
  const [dependents, stats] = await Promise.all([
    listDependents(getDb(), crate.id, { page, perPage: PER_PAGE }, listing.scope, sort),
    getDependencyStats(getDb(), crate.id),
  ]);
  const totalPages = pageCount(dependents.total, PER_PAGE);
  const hrefFor = (options: { sort?: DependentSort; page?: number }) => listing.link(dependentsHref(crate.name, options));
  // Registry-wide figures from the last refresh after an ingest; until then, the listing's own count.
  const direct = stats?.directDependents ?? dependents.total;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={routes.crate(crate.name)}>
          <span aria-hidden="true">← </span>Back to {crate.name}
        </Link>
      </p>
      <PageHeading
        lead={
          <>
            <span className="block font-semibold text-ink" data-testid="dependents-summary">
              {formatNumber(direct)} direct {direct === 1 ? "dependent" : "dependents"}
              {stats ? <> · {formatNumber(stats.transitiveDependents)} including indirect ones</> : null}
            </span>
            Each crate&apos;s latest version counts; dev dependencies and fully yanked crates are left out.
            {dependents.total > 1 ? ` Below, the direct ones, ${DEPENDENT_SORT_PHRASES[sort]}.` : ""}
          </>
        }
      >
        Dependents of {crate.name}
      </PageHeading>
      <UnknownViewNote view={listing.view} />
      {sortNote ? (
        <p role="note" className="mb-3 rounded border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn">
          {sortNote}
        </p>
      ) : null}
      {stats && stats.directDependents > 0 ? <DependentAdoption crateName={crate.name} stats={stats} /> : null}
      <ListingHiddenNote listing={listing} hidden={dependents.hidden} href={dependentsHref(crate.name, { sort, page })} />
      {dependents.total > 1 ? <DependentsSortLinks current={sort} hrefFor={(s) => hrefFor({ sort: s })} /> : null}
      {dependents.items.length > 0 ? (
        <DependentsList
          dependents={dependents.items}
          start={(page - 1) * PER_PAGE + 1}
          label={`Crates that depend on ${crate.name}, page ${page}`}
          sort={sort}
        />
      ) : dependents.total > 0 ? (
        <PastLastPage page={page} totalPages={totalPages} lastPageHref={hrefFor({ sort, page: totalPages })} />
      ) : (
        <p className="text-subtle">No crate here depends on {crate.name} directly.</p>
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => hrefFor({ sort, page: p })} label="Dependents pages" />
    </>
  );
}
