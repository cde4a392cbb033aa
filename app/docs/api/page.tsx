import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { CodeBlock } from "@/components/ui/code-block";
import { PageHeading } from "@/components/ui/page-heading";
import { routes } from "@/lib/routes";
import { Section } from "@/components/ui/section";
import { defaultReviewsPerPage, maxReviewsPerPage, reviewSorts } from "@/lib/reviews/list-crate-reviews";
import { MAX_LOCKFILE_BYTES, MAX_LOCKFILE_PACKAGES } from "@/lib/usage/lockfile-limits";
import { RATING_RANK } from "@/lib/search/rank-score";
import { MIN_RATING_RANGE, RATING_CRITERIA, RATING_SORTS, SEARCH_SORTS } from "@/lib/search/search-backend";

export const metadata: Metadata = {
  title: "JSON API",
  description: "Read-only JSON API of cratelist: search crates and fetch a crate's details.",
};

function ParamTable({ caption, rows }: { caption: string; rows: [name: string, rule: string, meaning: ReactNode][] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="mb-1 text-left font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-line text-left">
            <th scope="col" className="py-1.5 pr-4">
              Name
            </th>
            <th scope="col" className="py-1.5 pr-4">
              Values
            </th>
            <th scope="col" className="py-1.5">
              Meaning
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, rule, meaning]) => (
            <tr key={name} className="border-b border-line align-top">
              <th scope="row" className="py-1.5 pr-4 text-left font-mono font-normal">
                {name}
              </th>
              <td className="py-1.5 pr-4">{rule}</td>
              <td className="py-1.5">{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const searchExample = `GET /api/v1/search?q=serde&per_page=2&facets=true

200 OK
{
  "total": 87,
  "page": 1,
  "per_page": 2,
  "results": [
    {
      "name": "serde",
      "description": "A generic serialization/deserialization framework",
      "max_version": "1.0.219",
      "default_version": "1.0.219",
      "downloads": 512345678,
      "recent_downloads": 61234567,
      "reverse_dependencies": 41234,
      "license": "MIT OR Apache-2.0",
      "updated_at": "2025-03-09T18:11:38.000Z",
      "exact_match": true,
      "ratings": {
        "overall": { "score": 4.62, "count": 31 },
        "documentation": { "score": 4.81, "count": 27 }
      },
      "rank": {
        "text": 1.42,
        "quality": 0.71,
        "all_yanked": false,
        "rating": { "score": 4.62, "count": 31, "factor": 1.081 },
        "demoted_factor": null,
        "ranked_with": null,
        "parts": {
          "downloads": { "value": 1, "weight": 0.25 },
          "recent_downloads": { "value": 1, "weight": 0.2 },
          "reverse_dependencies": { "value": 1, "weight": 0.4 },
          "freshness": { "value": 0.41, "weight": 0.15 }
        }
      }
    },
    { "name": "serde_json", "...": "..." }
  ],
  "facets": {
    "category": [{ "value": "encoding", "label": "Encoding", "count": 31 }],
    "keyword": [{ "value": "serde", "label": "serde", "count": 40 }],
    "license": [{ "value": "MIT OR Apache-2.0", "label": "MIT OR Apache-2.0", "count": 66 }]
  },
  "did_you_mean": null,
  "backend": "postgres",
  "degraded": false
}`;

const crateExample = `GET /api/v1/crates/serde

200 OK
{
  "name": "serde",
  "description": "A generic serialization/deserialization framework",
  "max_version": "1.0.219",
  "default_version": "1.0.219",
  "downloads": 512345678,
  "recent_downloads": 61234567,
  "reverse_dependencies": 41234,
  "license": "MIT OR Apache-2.0",
  "repository": "https://github.com/serde-rs/serde",
  "documentation": "https://docs.rs/serde",
  "homepage": "https://serde.rs",
  "rust_version": "1.31",
  "categories": ["encoding", "no-std", "no-std::no-alloc"],
  "keywords": ["no_std", "serde", "serialization"],
  "created_at": "2014-12-05T20:20:39.000Z",
  "updated_at": "2025-03-09T18:11:38.000Z",
  "removed_at": null,
  "versions": [
    { "num": "1.0.219", "yanked": false, "published_at": "2025-03-09T18:11:38.000Z",
      "license": "MIT OR Apache-2.0", "rust_version": "1.31" }
  ],
  "dependencies": [
    { "name": "serde_derive", "req": "=1.0.219", "kind": "normal", "optional": true,
      "target": null, "explicit_name": null }
  ]
}`;

const errorExample = `GET /api/v1/search?per_page=500

400 Bad Request
{ "error": "per_page must be at most 100" }

GET /api/v1/search?q=json&sort=stars

400 Bad Request
{ "error": "sort must be one of: ${SEARCH_SORTS.join(", ")}" }

GET /api/v1/search?q=json&min_documentation=4.5

400 Bad Request
{ "error": "min_documentation must be a whole number from ${MIN_RATING_RANGE.min} to ${MIN_RATING_RANGE.max}" }

GET /api/v1/search?q=json&min_docs=4

400 Bad Request
{ "error": "unknown rating criterion \\"min_docs\\": use one of ${RATING_CRITERIA.map((c) => `min_${c}`).join(", ")}" }

GET /api/v1/crates/no-such-crate

404 Not Found
{ "error": "crate \`no-such-crate\` not found" }`;

const filterListExample = `GET /api/v1/lists/placeholders?format=text

200 OK (text/plain; charset=utf-8)
! Title: Placeholder crates
hide heuristic:placeholder # name reserved, no code

GET /api/v1/lists/placeholders?format=yaml

400 Bad Request
{ "error": "format must be one of: json, text, cargo-deny" }

GET /api/v1/views/no-such-view

404 Not Found
{ "error": "view \`no-such-view\` not found" }`;

const usageExample = `curl --fail -H "Authorization: Bearer $CRATELIST_TOKEN" --data-binary @Cargo.lock \\
  https://<this site>/api/v1/usage/reports

201 Created
{ "id": 42, "created": true, "project": "my-app", "lockfile_version": 4, "crates": 187,
  "ignored": { "git": 1, "path": 0, "other_registry": 0 }, "url": "/api/v1/usage/reports/42" }

401 Unauthorized
{ "error": "This API token was revoked on 2026-11-30." }`;

export default function ApiDocsPage() {
  return (
    <div className="max-w-3xl space-y-10">
      <PageHeading lead="A small read-only JSON API over the same data as the site. No key is needed; answers are UTF-8 JSON.">
        JSON API
      </PageHeading>

      <Section id="conventions" title="Conventions">
        <ul className="list-disc space-y-1 pl-5">
          <li>
            Keys are <code>snake_case</code>. Dates are ISO 8601 strings in UTC, or <code>null</code> when unknown.
          </li>
          <li>
            Counts are plain JSON numbers. <code>downloads</code> is all-time; <code>recent_downloads</code> covers
            the last 90 days.
          </li>
          <li>
            <code>reverse_dependencies</code> counts distinct crates whose latest version has a normal or build
            dependency on the crate; dev dependencies and crates with every version yanked do not count.
          </li>
          <li>
            <code>default_version</code> is the version pages show (the highest stable, non-yanked version);{" "}
            <code>max_version</code> is the highest non-yanked version, pre-releases included.
          </li>
          <li>
            <code>removed_at</code> is set when the crate has left the registry. Such a crate still answers here, but
            search and lists leave it out, and it no longer counts as a reverse dependency.
          </li>
          <li>
            Errors answer with a 4xx or 5xx status and a body <code>{`{"error": "…"}`}</code> saying what went wrong.
          </li>
          <li>
            Search and suggestions are rate-limited per client address (by default 300 a minute, in bursts of 100).
            Past the limit they answer <code>429 Too Many Requests</code> with a <code>Retry-After</code> header in
            seconds and an <code>error</code> saying so.
          </li>
        </ul>
      </Section>

      <p className="text-sm text-subtle">The numbers in the examples below are illustrative.</p>

      <Section id="search" title="GET /api/v1/search">
        <p className="mb-3">
          Crates matching a query, best match first. A crate whose name equals the query comes first and is marked{" "}
          <code>exact_match</code>; then text relevance times the quality score, explained per result in{" "}
          <code>rank</code> (see <a href="/docs/ranking">how ranking works</a>). Typos in names are tolerated; when
          nothing matches, <code>did_you_mean</code> may offer a corrected query.
        </p>
        <ParamTable
          caption="Query parameters"
          rows={[
            ["q", "text (only the first 200 characters count)", "What to search for: a crate name or words describing it. Empty lists all crates, best first."],
            [
              "sort",
              `relevance (default), downloads, recent-downloads, updated, newest, ${RATING_SORTS.join(", ")}`,
              <>
                Order of results. <code>rating</code> is the overall rating, best first, and{" "}
                <code>rating-&lt;criterion&gt;</code> one criterion&apos;s; crates without that rating come after every
                rated one, in relevance order. Anything else answers 400.
              </>,
            ],
            ["category", "a category slug, e.g. web-programming::http-client", "Only crates in this category. An unknown slug answers 400."],
            ["keyword", "a keyword, e.g. serde", "Only crates with this keyword. An unknown keyword answers 400."],
            ["license", "a license expression, e.g. MIT OR Apache-2.0", "Only crates whose default version has exactly this license."],
            [
              "min_<criterion>",
              `whole number ${MIN_RATING_RANGE.min}–${MIN_RATING_RANGE.max}; criterion one of ${RATING_CRITERIA.join(", ")}`,
              <>
                Only crates whose rating on that criterion is at least this, e.g. <code>min_documentation=4</code>; crates
                nobody rated on it are left out. Several combine (all must hold). Another number, or a criterion not in
                the list, answers 400.
              </>,
            ],
            [
              "view",
              "a view's slug, e.g. default or everything",
              <>
                The curated <Link href={routes.views()}>view</Link> to apply (default: the site&apos;s default view; the API
                never reads the cookie the site&apos;s pages use). Crates it hides are left out of <code>results</code> and{" "}
                <code>total</code> and counted in <code>hidden</code>; crates it demotes rank lower. An unknown view answers
                400.
              </>,
            ],
            ["hidden", "show", <>List the crates the view hides too, each with its <code>curation</code>. Any other value answers 400.</>],
            ["facets", "true or false (default)", "Also count, over every match, the top categories, keywords and licenses."],
            ["page", "whole number 1–1,000, default 1", "Which page of results. A page past the last one answers 200 with no results."],
            ["per_page", "whole number 1–100, default 20", "Results per page."],
          ]}
        />
        <p className="mt-3">
          <code>ratings</code> holds the crate&apos;s rating on each criterion reviews rated it on (absent criteria
          were not rated; an unrated crate has <code>{"{}"}</code>): <code>score</code> is the Bayesian average from 1 to
          5 that filters and sorts use, <code>count</code> the number of reviews. <code>rank.rating</code> is the overall
          rating with the <code>factor</code> it puts on quality in relevance order ({RATING_RANK.factorAtLowest} at 1
          star to {RATING_RANK.factorAtHighest} at 5, and 1 below {RATING_RANK.minCount} reviews), or{" "}
          <code>null</code> for an unrated crate. <code>rank.ranked_with</code> is set when, in relevance order, a
          project&apos;s main crate ranks with the relevance of one of its parts (<code>clap</code> with{" "}
          <code>clap_builder</code>&apos;s, see <Link href={routes.rankingDocs()}>how ranking works</Link>):{" "}
          <code>{'{ "crate": "clap_builder", "relevance": 0.34 }'}</code>; otherwise <code>null</code>.{" "}
          <code>rank.demoted_factor</code> is what the view&apos;s demotion multiplies relevance by, or{" "}
          <code>null</code>.
        </p>
        <p className="mt-3">
          <code>view</code> is the view applied (<code>slug</code>, <code>title</code>) and <code>hidden</code> how many
          matches it hid. Each hit&apos;s <code>curation</code> is <code>null</code> when the view says nothing about
          the crate, else its <code>action</code> (<code>hide</code>, <code>demote</code>, <code>allow</code> or{" "}
          <code>null</code> when only labels apply), <code>decided_by</code> (the <code>list</code>, <code>line</code>,{" "}
          <code>rule</code> and <code>reason</code> that decided it), <code>labels</code> and <code>replace_with</code>{" "}
          (a crate curators recommend instead).
        </p>
        <p className="mt-3">
          <code>backend</code> says which engine answered (<code>postgres</code> or <code>meilisearch</code>);{" "}
          <code>degraded</code> is true when the configured engine was down and PostgreSQL answered instead.
        </p>
        <div className="mt-3">
          <CodeBlock label="Search example">{searchExample}</CodeBlock>
        </div>
      </Section>

      <Section id="suggest" title="GET /api/v1/suggest">
        <p>
          Suggestions as you type, in the OpenSearch Suggestions format browsers read:{" "}
          <code>[q, [names], [descriptions], [crate page URLs]]</code>, served as{" "}
          <code>application/x-suggestions+json</code>. The crates are the first 8 results of a relevance search for{" "}
          <code>q</code> in the default view (or the one <code>view</code> names). Every page links to{" "}
          <a href="/opensearch.xml">/opensearch.xml</a>, which lets a browser add this site as a search engine and use this
          endpoint for its address bar.
        </p>
      </Section>

      <Section id="crate" title="GET /api/v1/crates/{name}">
        <p className="mb-3">
          One crate with every version (newest first) and the dependencies of its default version. The name is matched
          without regard to case, and <code>-</code> and <code>_</code> count as the same character. Unknown names answer
          404.
        </p>
        <CodeBlock label="Crate example">{crateExample}</CodeBlock>
        <p className="mt-3">
          Each dependency has <code>kind</code> <code>normal</code>, <code>build</code> or <code>dev</code>;{" "}
          <code>target</code> is the platform it applies to (for example <code>cfg(windows)</code>) or{" "}
          <code>null</code>; <code>explicit_name</code> is the name the crate uses for it when it renames the dependency.
        </p>
      </Section>

      <Section id="downloads" title="GET /api/v1/crates/{name}/downloads">
        <p>
          The crate&apos;s daily downloads over the registry&apos;s last 90 days (the crate page&apos;s chart):{" "}
          <code>days</code> (YYYY-MM-DD, oldest first), <code>total</code> per day, <code>average_7</code> (the trailing
          7-day mean, null for the first 6 days), <code>versions</code> (the 4 most downloaded versions in the window,
          each with its <code>daily</code> figures and <code>sum</code>, then <code>other</code>), <code>sum_90</code> and{" "}
          <code>all_time</code>. Unknown crates answer 404.
        </p>
      </Section>

      <Section id="reviews" title="GET /api/v1/crates/{name}/reviews">
        <p className="mb-3">
          A crate&apos;s published reviews and its rating aggregates, the same for everyone (hidden reviews never
          appear). Parameters: <code>sort</code> ({reviewSorts.join(", ")}; default helpful), <code>page</code> (1–1,000)
          and <code>per_page</code> (1–{maxReviewsPerPage}, default {defaultReviewsPerPage}). An unknown crate answers 404;
          a bad parameter answers 400 with a message.
        </p>
        <p>
          <code>ratings</code> has <code>review_count</code>, <code>frozen_since</code> (when a burst of reviews froze
          the aggregates, else <code>null</code>) and, for every criterion, the Bayesian <code>score</code>, the plain{" "}
          <code>mean</code>, the <code>count</code> and the 1-to-5 <code>histogram</code> (null scores where nobody rated
          it). Each review has its author, the version it is about, the reviewer&apos;s experience, its ratings (null
          where not rated), <code>body_html</code> (sanitized), <code>helpful</code> votes and its dates.
        </p>
      </Section>

      <Section id="health" title="GET /api/v1/health">
        <p className="mb-3">Answers when the site is up, without touching the database.</p>
        <CodeBlock label="Health example">{`200 OK\n{ "ok": true }`}</CodeBlock>
      </Section>

      <Section id="filter-lists" title="Filter lists and views">
        <p className="mb-3">
          The <Link href={routes.lists()}>filter lists</Link> curators write (format:{" "}
          <Link href={routes.filterListDocs()}>how filter lists are written</Link>) and the <Link href={routes.views()}>views</Link>{" "}
          that combine them, read-only. An unknown slug answers 404; an unknown{" "}
          <code>format</code> answers 400 with the formats allowed.
        </p>
        <ParamTable
          caption="Endpoints"
          rows={[
            ["GET /api/v1/lists", "", "Every list: slug, title, description, revision, rule_count, curators, updated_at and the addresses of its exports."],
            [
              "GET /api/v1/lists/{slug}",
              "format: json (default), text, cargo-deny",
              <>
                One list. <code>text</code> is the list as written (<code>text/plain; charset=utf-8</code>), for subscribing
                from another site with <code>include https://…</code>; <code>json</code> adds the parsed header and rules;{" "}
                <code>cargo-deny</code> is a TOML <code>[bans]</code> snippet for <code>deny.toml</code> (plain text, saved as{" "}
                <code>deny-&lt;slug&gt;.toml</code>).
              </>,
            ],
            ["GET /api/v1/views", "", "Every view: its lists in order (remote ones with fetched_at and fetch_error), hidden_count, evaluated_at, owner."],
            ["GET /api/v1/views/{slug}", "format: json (default), cargo-deny", "What one view does to crates, as JSON or as a cargo-deny snippet."],
          ]}
        />
        <div className="mt-3">
          <CodeBlock label="Filter list examples">{filterListExample}</CodeBlock>
        </div>
      </Section>

      <Section id="usage-reports" title="Usage reports (authenticated)">
        <p className="mb-3">
          Upload what a project uses from its <code>Cargo.lock</code>, for example from CI. These endpoints need a personal
          token from <Link href={routes.apiTokens()}>API tokens</Link>, sent as <code>Authorization: Bearer cl_…</code>;
          without one, or with an expired or revoked one, they answer 401 saying which. Only the registry packages
          (name and version) are kept, never the file; git and path packages are ignored. Uploading the same project
          again (same packages of its own) replaces its report. At most {(MAX_LOCKFILE_BYTES / 1024 / 1024).toFixed(0)} MB
          (413 beyond) and {MAX_LOCKFILE_PACKAGES.toLocaleString("en-US")} packages; a file that is not a lockfile
          answers 422 with the line at fault; more than 30 uploads an hour answer 429 with <code>Retry-After</code>.
        </p>
        <ParamTable
          caption="Endpoints"
          rows={[
            [
              "POST /api/v1/usage/reports",
              "body: the Cargo.lock",
              <>
                201 with the new report (<code>id</code>, <code>project</code>, <code>lockfile_version</code>,{" "}
                <code>crates</code> counted, <code>ignored</code> git/path/other-registry packages), or 200 when it replaced the
                project&apos;s earlier report.
              </>,
            ],
            ["GET /api/v1/usage/reports", "", "Your reports: id, project, lockfile_version, packages, crates, dates."],
            ["DELETE /api/v1/usage/reports/{id}", "", "Deletes one of your reports: 204, or 404 when it is not yours."],
          ]}
        />
        <div className="mt-3">
          <CodeBlock label="Usage report example">{usageExample}</CodeBlock>
        </div>
      </Section>

      <Section id="errors" title="Errors">
        <ul className="mb-3 list-disc space-y-1 pl-5">
          <li>
            <strong>400</strong>: a parameter is invalid; the message names it and the allowed values.
          </li>
          <li>
            <strong>401</strong>: an authenticated endpoint got no token, or a bad, expired or revoked one.
          </li>
          <li>
            <strong>404</strong>: the crate (or your report) does not exist here.
          </li>
          <li>
            <strong>413</strong>, <strong>422</strong>, <strong>429</strong>: an upload is too large, is not what it should
            be (the message says where), or came too often (<code>Retry-After</code> says when to try again).
          </li>
          <li>
            <strong>500</strong>: something failed on our side. It is logged; try again later.
          </li>
        </ul>
        <CodeBlock label="Error examples">{errorExample}</CodeBlock>
      </Section>
    </div>
  );
}
