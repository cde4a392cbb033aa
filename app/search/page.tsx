import type { Metadata } from "next";
import Link from "next/link";
import { CrateList } from "@/components/crate/crate-list";
import { SearchForm } from "@/components/search/search-form";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { getDb } from "@/lib/db";
import { firstParam } from "@/lib/http/first-param";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { formatNumber } from "@/lib/registry/format";
import { pageCount } from "@/lib/registry/pagination";
import { routes } from "@/lib/routes";
import { searchCrates } from "@/lib/search/search-crates";
import { MAX_QUERY_LENGTH } from "@/lib/search/search-terms";

export const dynamic = "force-dynamic";

const PER_PAGE = 20;

interface SearchPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

function readQuery(value: string | string[] | undefined): string {
  return (firstParam(value) ?? "").trim().slice(0, MAX_QUERY_LENGTH);
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const q = readQuery((await searchParams).q);
  // Result pages are endless and change daily: keep them out of search engines.
  return { title: q ? `Search: ${q}` : "Search", robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const query = await searchParams;
  const q = readQuery(query.q);
  const page = parsePageParam(query.page);

  if (!q) {
    return (
      <div className="max-w-2xl">
        <PageHeading lead="Search by crate name, or by what you need it to do.">Search crates</PageHeading>
        <SearchForm id="search-page" size="large" labelVisible />
        <p className="mt-4 text-subtle">
          Try <Link href={routes.search("json")}>json</Link>, <Link href={routes.search("http client")}>http client</Link>{" "}
          or <Link href={routes.search("async runtime")}>async runtime</Link>, or{" "}
          <Link href={routes.categories()}>browse the categories</Link>.
        </p>
      </div>
    );
  }

  const result = await searchCrates(getDb(), { q, page, perPage: PER_PAGE });
  const totalPages = pageCount(result.total, PER_PAGE);

  return (
    <>
      <PageHeading
        lead={
          result.total > 0
            ? `${formatNumber(result.total)} ${result.total === 1 ? "crate matches" : "crates match"}, best match first.`
            : undefined
        }
      >
        Results for “{q}”
      </PageHeading>
      <div className="mb-6 max-w-2xl">
        <SearchForm id="search-page" defaultValue={q} />
      </div>

      {result.total === 0 ? (
        <section aria-labelledby="no-results-heading" className="max-w-2xl">
          <h2 id="no-results-heading" className="text-lg font-semibold">
            No crates match “{q}”
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            <li>Check the spelling, or try the crate&apos;s exact name (dashes and underscores count as the same).</li>
            <li>Use fewer or more general words: search for what the crate does, like “json parser” or “retry”.</li>
            <li>
              <Link href={routes.categories()}>Browse the categories</Link> to see crates by topic.
            </li>
          </ul>
        </section>
      ) : result.results.length === 0 ? (
        <PastLastPage page={page} totalPages={totalPages} lastPageHref={routes.search(q, totalPages)} />
      ) : (
        <CrateList crates={result.results} start={(page - 1) * PER_PAGE + 1} label={`Search results for ${q}`} />
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => routes.search(q, p)} label="Search result pages" />
    </>
  );
}
