import type { Metadata } from "next";
import Link from "next/link";
import { CodeBlock } from "@/components/ui/code-block";
import { PageHeading } from "@/components/ui/page-heading";
import { Section } from "@/components/ui/section";
import { formatNumber } from "@/lib/registry/format";
import { routes } from "@/lib/routes";
import { ALL_YANKED_FACTOR, QUALITY_EXPONENT, QUALITY_SCALES, QUALITY_WEIGHTS, RATING_RANK } from "@/lib/search/rank-score";

export const metadata: Metadata = {
  title: "How search ranks crates",
  description:
    "The formula behind cratelist's search order: exact name first, then text match weighted by a quality score and, once a crate has enough reviews, its rating.",
};

function percent(weight: number): string {
  return `${Math.round(weight * 100)}%`;
}

// The numbers come from lib/search/rank-score.ts, so this page cannot drift from the code.
// Rounded for reading: the constants give 0.05000000000000002.
const ratingSlope = Number(((RATING_RANK.factorAtHighest - RATING_RANK.factorAtLowest) / (RATING_RANK.highestScore - RATING_RANK.lowestScore)).toFixed(6));
const neutralScore = (RATING_RANK.lowestScore + RATING_RANK.highestScore) / 2;

const formula = `quality   = (${QUALITY_WEIGHTS.downloads}·D + ${QUALITY_WEIGHTS.recentDownloads}·R + ${QUALITY_WEIGHTS.reverseDependencies}·P + ${QUALITY_WEIGHTS.freshness}·F) × Y

G         = 1 + ${ratingSlope} × (rating − ${neutralScore})   with ${RATING_RANK.minCount} or more reviews
            1                         otherwise

relevance = exact name match first,
            then text match × (quality × G)^${QUALITY_EXPONENT},
            a family's main crate at least as high as its best part`;

const parts: [letter: string, name: string, weight: number, meaning: string][] = [
  [
    "D",
    "All-time downloads",
    QUALITY_WEIGHTS.downloads,
    `log-scaled: 0 for none, 1 at ${formatNumber(QUALITY_SCALES.downloads)} downloads or more`,
  ],
  [
    "R",
    "Recent downloads",
    QUALITY_WEIGHTS.recentDownloads,
    `downloads in the last 90 days, log-scaled: 1 at ${formatNumber(QUALITY_SCALES.recentDownloads)} or more`,
  ],
  [
    "P",
    "Dependents",
    QUALITY_WEIGHTS.reverseDependencies,
    `crates whose current version depends on it, log-scaled: 1 at ${formatNumber(QUALITY_SCALES.reverseDependencies)} or more`,
  ],
  [
    "F",
    "Freshness",
    QUALITY_WEIGHTS.freshness,
    `1 when updated today, halving every ${QUALITY_SCALES.freshnessHalfLifeDays / 365} years (0.5 after two years, 0.25 after four)`,
  ],
];

export default function RankingDocsPage() {
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeading lead="Why a crate appears where it does in search results.">How search ranks crates</PageHeading>

      <Section id="order" title="The order, step by step">
        <ol className="list-decimal space-y-2 pl-5">
          <li>
            <strong>Exact name first.</strong> When your query is a crate&apos;s name (case does not matter, and{" "}
            <code>-</code> and <code>_</code> count as the same), that crate comes first. Only a one-word query can
            be a name: <code>http client</code> is a phrase, so it does not pin <code>http-client</code>.
          </li>
          <li>
            <strong>Then text match.</strong> Each crate gets a text score for which of its fields match your words:
            the name counts most, then keywords and categories, then the description. How often a word is repeated
            does not count. Word starts match too (<code>toki</code> finds{" "}
            <code>tokio</code>), and small typos in names are forgiven: when no crate has your word as its exact name and
            few crates match it, crates whose names are close to it match too.
          </li>
          <li>
            <strong>Weighted by quality.</strong> The text score is multiplied by{" "}
            <code>
              quality<sup>{QUALITY_EXPONENT}</sup>
            </code>
            , so among crates that match about equally well, the widely used and maintained ones come first, and a crate
            of half the quality needs {2 ** QUALITY_EXPONENT} times the text match to rank level with another. Quality
            grows slowly (it is log-scaled), so this is what keeps a little-used crate whose name is made of your words
            from passing the crate most people use for the same thing.
          </li>
          <li>
            <strong>Nudged by reviews.</strong> Once at least {RATING_RANK.minCount} reviews rated a crate overall, its
            quality is multiplied by a factor <code>G</code> from {RATING_RANK.factorAtLowest} (a{" "}
            {RATING_RANK.lowestScore}-star rating) to {RATING_RANK.factorAtHighest} ({RATING_RANK.highestScore} stars); a{" "}
            {neutralScore}-star rating changes nothing, and neither does having no reviews.
          </li>
          <li>
            <strong>The main crate before its parts.</strong> Many projects publish their internals as crates of their
            own: <code>clap</code> has <code>clap_builder</code>, <code>clap_derive</code> and <code>clap_lex</code>. A
            crate whose name extends another&apos;s at a <code>-</code> or <code>_</code> and that lives in the same
            repository is a part of that crate&apos;s family. When both match, the main crate ranks at least as high as
            its best-matching part, just before it (its <strong>Why this rank</strong> names the part); the parts keep
            their own places. (The PostgreSQL search backend, the default, does this; Meilisearch ranks each crate on its
            own.)
          </li>
        </ol>
        <p className="mt-3">
          Sorting by downloads, recent downloads, last update or age replaces this order; the exact name is then not
          pinned first. With no search words (only filters), relevance lists the most depended-on crates first.
        </p>
        <p className="mt-3">
          Sorting by a rating (<strong>Highest rated</strong>, or <strong>Rated for…</strong> one criterion such as
          documentation) lists the crates rated on it first, best first; crates nobody rated on it follow, in relevance
          order. Rating filters (for example documentation 4 stars or more) leave out crates with a lower rating and
          crates nobody rated on that point.
        </p>
        <p className="mt-3">
          Every word has to match unless that finds fewer than five crates; then crates matching only some of the words
          are added, scored by the share of words they match. A few true synonyms count as the same word (for example{" "}
          <code>async</code> and <code>asynchronous</code>, <code>cli</code> and <code>command line</code>).
        </p>
      </Section>

      <Section id="formula" title="The formula">
        <CodeBlock label="Ranking formula">{formula}</CodeBlock>
        <div className="mt-4 overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="mb-1 text-left font-semibold">The parts of the quality score (each from 0 to 1)</caption>
            <thead>
              <tr className="border-b border-line text-left">
                <th scope="col" className="py-1.5 pr-4">
                  Part
                </th>
                <th scope="col" className="py-1.5 pr-4">
                  Weight
                </th>
                <th scope="col" className="py-1.5">
                  How it is measured
                </th>
              </tr>
            </thead>
            <tbody>
              {parts.map(([letter, name, weight, meaning]) => (
                <tr key={letter} className="border-b border-line align-top">
                  <th scope="row" className="py-1.5 pr-4 text-left font-normal">
                    <code>{letter}</code> {name}
                  </th>
                  <td className="py-1.5 pr-4">{percent(weight)}</td>
                  <td className="py-1.5">{meaning}</td>
                </tr>
              ))}
              <tr className="border-b border-line align-top">
                <th scope="row" className="py-1.5 pr-4 text-left font-normal">
                  <code>Y</code> Yanked
                </th>
                <td className="py-1.5 pr-4">×{ALL_YANKED_FACTOR}</td>
                <td className="py-1.5">the whole quality score is multiplied by {ALL_YANKED_FACTOR} when every version is yanked</td>
              </tr>
            </tbody>
          </table>
        </div>
        <p className="mt-3">
          Log-scaled means that each tenfold increase adds the same amount: going from 100 to 1,000 downloads counts as
          much as going from 10 million to 100 million. Dependents weigh most because a crate that many others chose is
          the strongest sign that it works.
        </p>
      </Section>

      <Section id="ratings" title="Ratings">
        <p>
          A crate&apos;s rating on each criterion (overall, documentation, API design, reliability, maintenance,
          security, performance) is a Bayesian average of its reviews&apos; ratings: a few reviews stay close to the
          average of every review on the site, and the crate&apos;s own ratings count more as reviews add up. That
          number is what search shows, filters and sorts by.
        </p>
        <p className="mt-3">
          Only the overall rating enters the relevance order, as the factor <code>G</code> above, and only from{" "}
          {RATING_RANK.minCount} reviews on. It is kept small on purpose: at most{" "}
          {Math.round((RATING_RANK.factorAtHighest - 1) * 100)}% of the quality part either way, so that among crates
          that match about equally well and are about as widely used the better rated one comes first, while a handful
          of reviews cannot lift an obscure crate above the one most crates depend on. Reviews can be gamed far more
          easily than dependents.
        </p>
      </Section>

      <Section id="see-it" title="See it for a result">
        <p>
          Every search result has a <strong>Why this rank</strong> disclosure that shows its exact-match flag, its text
          score, its quality score and each part with its weight, and its rating with the factor it puts on quality.
          Try it on <Link href={routes.search("http client")}>http client</Link>.
        </p>
        <p className="mt-2">Demotions from curated lists will join the quality score when that feature arrives.</p>
      </Section>
    </div>
  );
}
