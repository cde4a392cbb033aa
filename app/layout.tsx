import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { SearchForm } from "@/components/search/search-form";
import { ViewChooser } from "@/components/view/view-chooser";
import { routes } from "@/lib/routes";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "cratelist: find Rust crates", template: "%s · cratelist" },
  description: "Search and compare Rust crates: dependencies, dependents, features, versions and downloads.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#111318" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col antialiased">
        {/* React places this in <head>: browsers offer the site as a search engine (app/opensearch.xml). */}
        <link rel="search" type="application/opensearchdescription+xml" title="cratelist" href="/opensearch.xml" />
        <a
          href="#main"
          className="sr-only rounded bg-brand px-4 py-2 font-semibold text-on-brand focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50"
        >
          Skip to main content
        </a>
        <header className="border-b border-line bg-panel">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-3 px-4 py-3">
            <Link href={routes.home()} className="text-xl font-bold tracking-tight text-ink no-underline hover:text-brand">
              <span aria-hidden="true" className="mr-1 text-brand">
                ▣
              </span>
              cratelist
            </Link>
            <nav aria-label="Site" className="order-2 text-sm sm:order-3">
              <ul className="flex gap-4">
                <li>
                  <Link href={routes.categories()}>Categories</Link>
                </li>
                <li>
                  <Link href={routes.trending()}>Trending</Link>
                </li>
                <li>
                  <Link href={routes.lists()}>Lists</Link>
                </li>
                <li>
                  <Link href={routes.apiDocs()}>API</Link>
                </li>
              </ul>
            </nav>
            {/* Reads the session, which makes every page render per request. */}
            <UserMenu />
            <div className="order-4 sm:order-5">
              <ViewChooser />
            </div>
            <div className="order-3 w-full sm:order-2 sm:w-auto sm:flex-1">
              <SearchForm id="site-search" />
            </div>
          </div>
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 focus:outline-none sm:py-8">
          {children}
        </main>
        <footer className="border-t border-line bg-panel text-sm text-subtle">
          <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-x-6 gap-y-2 px-4 py-4">
            <p>Data from the crates.io index and database dumps. cratelist is not affiliated with crates.io.</p>
            <ul className="flex gap-4">
              <li>
                <Link href={routes.apiDocs()}>JSON API</Link>
              </li>
              <li>
                <Link href={routes.categories()}>Categories</Link>
              </li>
              <li>
                <Link href={routes.rankingDocs()}>How ranking works</Link>
              </li>
              <li>
                <Link href={routes.status()}>Data status</Link>
              </li>
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
