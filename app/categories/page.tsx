import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/lib/db";
import { formatNumber } from "@/lib/registry/format";
import { listCategories } from "@/lib/registry/list-categories";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Categories",
  description: "Browse Rust crates by category.",
};

export default async function CategoriesPage() {
  const categories = await listCategories(getDb());
  const slugs = new Set(categories.map((c) => c.slug));
  // Subcategories nest under their top-level category; one whose parent is missing stands alone.
  const rootOf = (slug: string) => slug.split("::")[0]!;
  const topLevel = categories.filter((c) => rootOf(c.slug) === c.slug || !slugs.has(rootOf(c.slug)));
  const childrenOf = (slug: string) =>
    slug.includes("::") ? [] : categories.filter((c) => c.slug.startsWith(`${slug}::`));

  return (
    <>
      <PageHeading lead="Crates are filed by their authors into the categories crates.io defines.">Categories</PageHeading>
      {categories.length === 0 ? (
        <p className="text-subtle">No categories have been loaded yet.</p>
      ) : (
        <ul className="grid gap-x-8 gap-y-5 sm:grid-cols-2 lg:grid-cols-3">
          {topLevel.map((category) => {
            const children = childrenOf(category.slug);
            return (
              <li key={category.slug}>
                <Link href={routes.category(category.slug)} className="font-semibold">
                  {category.name}
                </Link>{" "}
                <span className="text-sm text-subtle">({formatNumber(category.crateCount)})</span>
                {category.description ? <p className="text-sm text-subtle">{category.description}</p> : null}
                {children.length > 0 ? (
                  <ul aria-label={`${category.name} subcategories`} className="mt-1 space-y-0.5 border-l border-line pl-3 text-sm">
                    {children.map((child) => (
                      <li key={child.slug}>
                        <Link href={routes.category(child.slug)}>{child.name.slice(category.name.length + 2) || child.name}</Link>{" "}
                        <span className="text-subtle">({formatNumber(child.crateCount)})</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
