import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { DependentsList } from "@/components/crate/dependents-list";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { ListingHiddenNote } from "@/components/view/hidden-count-note";
import { UnknownViewNote } from "@/components/view/unknown-view-note";
import { getListingView } from "@/lib/curation/get-page-view";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { formatNumber } from "@/lib/registry/format";
import { getCrate } from "@/lib/registry/get-crate";
import { listDependents } from "@/lib/registry/list-dependents";
import { pageCount } from "@/lib/registry/pagination";
import { routes } from "@/lib/routes";

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

export default async function DependentsPage({ params, searchParams }: DependentsPageProps) {
  const [{ name }, query] = await Promise.all([params, searchParams]);
  const crate = await loadCrate(decodeParam(name));
  if (!crate) notFound();

  const page = parsePageParam(query.page);
  const listing = await getListingView(query);
  const dependents = await listDependents(getDb(), crate.id, { page, perPage: PER_PAGE }, listing.scope);
  const totalPages = pageCount(dependents.total, PER_PAGE);

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={routes.crate(crate.name)}>
          <span aria-hidden="true">← </span>Back to {crate.name}
        </Link>
      </p>
      <PageHeading
        lead={`${formatNumber(dependents.total)} ${dependents.total === 1 ? "crate depends" : "crates depend"} on ${crate.name} directly. Each crate's latest version counts; dev dependencies and fully yanked crates are left out.`}
      >
        Dependents of {crate.name}
      </PageHeading>
      <UnknownViewNote view={listing.view} />
      <ListingHiddenNote listing={listing} hidden={dependents.hidden} href={routes.dependents(crate.name, page)} />
      {dependents.items.length > 0 ? (
        <DependentsList
          dependents={dependents.items}
          start={(page - 1) * PER_PAGE + 1}
          label={`Crates that depend on ${crate.name}, page ${page}`}
        />
      ) : dependents.total > 0 ? (
        <PastLastPage page={page} totalPages={totalPages} lastPageHref={listing.link(routes.dependents(crate.name, totalPages))} />
      ) : (
        <p className="text-subtle">No crate here depends on {crate.name} directly.</p>
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => listing.link(routes.dependents(crate.name, p))} />
    </>
  );
}
