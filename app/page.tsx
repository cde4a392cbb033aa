import Link from "next/link";
import { CrateList } from "@/components/crate/crate-list";
import { SearchForm } from "@/components/search/search-form";
import { Section } from "@/components/ui/section";
import { UnknownViewNote } from "@/components/view/unknown-view-note";
import { getListingView } from "@/lib/curation/get-page-view";
import { getDb } from "@/lib/db";
import { formatNumber } from "@/lib/registry/format";
import { listCategories } from "@/lib/registry/list-categories";
import { listPopularCrates } from "@/lib/registry/list-popular-crates";
import { listRecentCrates } from "@/lib/registry/list-recent-crates";
import { routes } from "@/lib/routes";
import { TrendingList } from "@/components/usage/trending-list";
import { listTopTrendingCrates } from "@/lib/usage/list-trending-crates";

export const dynamic = "force-dynamic";

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const db = getDb();
  const listing = await getListingView(await searchParams);
  const [categories, popular, recent, trending] = await Promise.all([
    listCategories(db),
    listPopularCrates(db, 10, listing.scope),
    listRecentCrates(db, 10, listing.scope),
    listTopTrendingCrates(db, 5, listing.scope),
  ]);
  const topLevel = categories.filter((c) => !c.slug.includes("::"));

  return (
    <div className="space-y-12">
      <section aria-labelledby="hero-heading" className="mx-auto max-w-2xl py-4 text-center sm:py-8">
        <h1 id="hero-heading" className="text-3xl font-bold tracking-tight sm:text-4xl">
          Find the right Rust crate
        </h1>
        <p className="mt-2 text-subtle">
          Search the crates.io registry and compare crates by what depends on them, their features, versions and
          downloads.
        </p>
        <div className="mt-6 text-left">
          <SearchForm id="hero-search" size="large" view={listing.view && !listing.view.isDefault ? listing.view.slug : undefined} />
        </div>
        <div className="mt-3 text-left">
          <UnknownViewNote view={listing.view} />
        </div>
      </section>

      <div className="grid gap-10 lg:grid-cols-2">
        <Section id="popular" title="Most depended-on" aside="by direct dependents">
          {popular.length > 0 ? (
            <CrateList crates={popular} label="Most depended-on crates" />
          ) : (
            <p className="text-subtle">No crates have been loaded yet.</p>
          )}
        </Section>
        <Section id="recent" title="Recently updated">
          {recent.length > 0 ? (
            <CrateList crates={recent} label="Recently updated crates" />
          ) : (
            <p className="text-subtle">No crates have been loaded yet.</p>
          )}
        </Section>
      </div>

      <Section id="trending" title="Trending" aside={<Link href={listing.link(routes.trending())}>See all trending crates</Link>}>
        {trending.length > 0 ? (
          <TrendingList crates={trending} label="Trending crates" />
        ) : (
          <p className="text-subtle">No download figures yet: trends are computed after each ingest.</p>
        )}
      </Section>

      <Section id="categories" title="Browse by category" aside={<Link href={routes.categories()}>All categories</Link>}>
        {topLevel.length > 0 ? (
          <ul className="grid gap-x-6 gap-y-2 sm:grid-cols-2 lg:grid-cols-3">
            {topLevel.map((c) => (
              <li key={c.slug}>
                <Link href={routes.category(c.slug)}>{c.name}</Link>{" "}
                <span className="text-sm text-subtle">({formatNumber(c.crateCount)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-subtle">No categories have been loaded yet.</p>
        )}
      </Section>
    </div>
  );
}
