import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CrateList } from "@/components/crate/crate-list";
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
import { getKeyword } from "@/lib/registry/get-keyword";
import { listKeywordCrates } from "@/lib/registry/list-keyword-crates";
import { pageCount } from "@/lib/registry/pagination";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

const PER_PAGE = 25;

const loadKeyword = cache((keyword: string) => getKeyword(getDb(), keyword));

interface KeywordPageProps {
  params: Promise<{ keyword: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: KeywordPageProps): Promise<Metadata> {
  const keyword = await loadKeyword(decodeParam((await params).keyword));
  if (!keyword) return { title: "Keyword not found" };
  return { title: `Crates tagged “${keyword.keyword}”`, description: `Rust crates with the keyword ${keyword.keyword}.` };
}

export default async function KeywordPage({ params, searchParams }: KeywordPageProps) {
  const [{ keyword: raw }, query] = await Promise.all([params, searchParams]);
  const keyword = await loadKeyword(decodeParam(raw));
  if (!keyword) notFound();

  const page = parsePageParam(query.page);
  const listing = await getListingView(query);
  const crates = await listKeywordCrates(getDb(), keyword.id, { page, perPage: PER_PAGE }, listing.scope);
  const totalPages = pageCount(crates.total, PER_PAGE);

  return (
    <>
      <PageHeading
        lead={
          <>
            {formatNumber(crates.total)} {crates.total === 1 ? "crate has" : "crates have"} this keyword, most depended-on first.{" "}
            <Link href={routes.search(keyword.keyword)}>Search for “{keyword.keyword}”</Link> to find more.
          </>
        }
      >
        Keyword: <span className="font-mono">{keyword.keyword}</span>
      </PageHeading>
      <UnknownViewNote view={listing.view} />
      <ListingHiddenNote listing={listing} hidden={crates.hidden} href={routes.keyword(keyword.keyword, page)} />
      {crates.items.length > 0 ? (
        <CrateList crates={crates.items} start={(page - 1) * PER_PAGE + 1} label={`Crates with the keyword ${keyword.keyword}`} />
      ) : crates.total > 0 ? (
        <PastLastPage page={page} totalPages={totalPages} lastPageHref={listing.link(routes.keyword(keyword.keyword, totalPages))} />
      ) : (
        <p className="text-subtle">No crates have this keyword.</p>
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => listing.link(routes.keyword(keyword.keyword, p))} />
    </>
  );
}
