import type { Metadata } from "next";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { TrendingList } from "@/components/usage/trending-list";
import { ListingHiddenNote } from "@/components/view/hidden-count-note";
import { UnknownViewNote } from "@/components/view/unknown-view-note";
import { getListingView } from "@/lib/curation/get-page-view";
import { getDb } from "@/lib/db";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { pageCount } from "@/lib/registry/pagination";
import { routes } from "@/lib/routes";
import { listTrendingCrates, TRENDING_PERIOD_DAYS } from "@/lib/usage/list-trending-crates";
import { TREND_MIN_RECENT } from "@/lib/usage/trend-score";
import { formatNumber } from "@/lib/registry/format";

export const dynamic = "force-dynamic";

const PER_PAGE = 25;

export const metadata: Metadata = {
  title: "Trending crates",
  description: `Rust crates whose downloads grew most in the last ${TRENDING_PERIOD_DAYS} days against the ${TRENDING_PERIOD_DAYS} before.`,
};

export default async function TrendingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const page = parsePageParam(query.page);
  const listing = await getListingView(query);
  const crates = await listTrendingCrates(getDb(), { page, perPage: PER_PAGE }, listing.scope);
  const totalPages = pageCount(crates.total, PER_PAGE);

  return (
    <>
      <PageHeading
        lead={`Downloads in the last ${TRENDING_PERIOD_DAYS} days of the registry's figures against the ${TRENDING_PERIOD_DAYS} days before, growth damped for small numbers: crates with fewer than ${formatNumber(TREND_MIN_RECENT)} recent downloads are not listed.`}
      >
        Trending crates
      </PageHeading>
      <UnknownViewNote view={listing.view} />
      <ListingHiddenNote listing={listing} hidden={crates.hidden} href={routes.trending(page)} />
      {crates.items.length > 0 ? (
        <TrendingList crates={crates.items} start={(page - 1) * PER_PAGE + 1} label={`Trending crates, page ${page}`} />
      ) : crates.total > 0 ? (
        <PastLastPage page={page} totalPages={totalPages} lastPageHref={listing.link(routes.trending(totalPages))} />
      ) : crates.hidden ? (
        <p className="text-subtle">Every trending crate is hidden by this view.</p>
      ) : (
        <p className="text-subtle">No download figures yet: trends are computed after each ingest.</p>
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => listing.link(routes.trending(p))} />
    </>
  );
}
