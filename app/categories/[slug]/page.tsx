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
import { getCategory } from "@/lib/registry/get-category";
import { listCategoryCrates } from "@/lib/registry/list-category-crates";
import { pageCount } from "@/lib/registry/pagination";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

const PER_PAGE = 25;

const loadCategory = cache((slug: string) => getCategory(getDb(), slug));

interface CategoryPageProps {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: CategoryPageProps): Promise<Metadata> {
  const category = await loadCategory(decodeParam((await params).slug));
  if (!category) return { title: "Category not found" };
  return {
    title: `${category.name} crates`,
    description: category.description || `Rust crates in the ${category.name} category.`,
  };
}

export default async function CategoryPage({ params, searchParams }: CategoryPageProps) {
  const [{ slug }, query] = await Promise.all([params, searchParams]);
  const category = await loadCategory(decodeParam(slug));
  if (!category) notFound();

  const page = parsePageParam(query.page);
  const listing = await getListingView(query);
  const crates = await listCategoryCrates(getDb(), category.slug, { page, perPage: PER_PAGE }, listing.scope);
  const totalPages = pageCount(crates.total, PER_PAGE);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href={routes.categories()}>Categories</Link>
          </li>
          {category.parent ? (
            <li>
              <span aria-hidden="true">/ </span>
              <Link href={routes.category(category.parent.slug)}>{category.parent.name}</Link>
            </li>
          ) : null}
        </ol>
      </nav>
      <PageHeading lead={category.description || undefined}>{category.name}</PageHeading>

      {category.subcategories.length > 0 ? (
        <section aria-labelledby="subcategories-heading" className="mb-6">
          <h2 id="subcategories-heading" className="mb-2 font-semibold">
            Subcategories
          </h2>
          <ul className="flex flex-wrap gap-2 text-sm">
            {category.subcategories.map((sub) => (
              <li key={sub.slug}>
                <Link href={routes.category(sub.slug)} className="inline-block rounded border border-line px-2 py-1 no-underline hover:bg-panel">
                  {sub.name.slice(category.name.length + 2) || sub.name}{" "}
                  <span className="text-subtle">({formatNumber(sub.crateCount)})</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <UnknownViewNote view={listing.view} />
      <section aria-labelledby="crates-heading">
        <h2 id="crates-heading" className="mb-1 font-semibold">
          {formatNumber(crates.total)} {crates.total === 1 ? "crate" : "crates"}
          <span className="font-normal text-subtle">
            {category.subcategories.length > 0 ? ", subcategories included" : ""}, most depended-on first
          </span>
        </h2>
        <ListingHiddenNote listing={listing} hidden={crates.hidden} href={routes.category(category.slug, page)} />
        {crates.items.length > 0 ? (
          <CrateList crates={crates.items} start={(page - 1) * PER_PAGE + 1} label={`${category.name} crates`} />
        ) : crates.total > 0 ? (
          <PastLastPage page={page} totalPages={totalPages} lastPageHref={listing.link(routes.category(category.slug, totalPages))} />
        ) : (
          <p className="text-subtle">No crates in this category yet.</p>
        )}
        <Pagination page={page} totalPages={totalPages} hrefFor={(p) => listing.link(routes.category(category.slug, p))} />
      </section>
    </>
  );
}
