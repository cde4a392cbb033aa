import Link from "next/link";
import { RuleLink } from "@/components/view/rule-link";
import { routes } from "@/lib/routes";
import { ALL_YANKED_FACTOR, QUALITY_EXPONENT, RATING_RANK, relevanceScore, type RankBreakdown } from "@/lib/search/rank-score";
import type { SearchSort } from "@/lib/search/search-backend";
import { formatRating, SORT_LABELS } from "./search-options";

const PART_LABELS: Record<keyof RankBreakdown["parts"], string> = {
  downloads: "All-time downloads",
  recentDownloads: "Downloads in the last 90 days",
  reverseDependencies: "Crates that depend on it",
  freshness: "Freshness (last update)",
};

const PART_ORDER = ["reverseDependencies", "downloads", "recentDownloads", "freshness"] as const;

/** The exponent as superscript digits (², not a <sup> whose text would read "2"). */
const EXPONENT = String(QUALITY_EXPONENT).replace(/\d/g, (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]!);

function score(value: number): string {
  return value.toFixed(2);
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function factor(rank: RankBreakdown): number {
  return rank.rating?.factor ?? 1;
}

function RatingExplanation({ rating }: { rating: RankBreakdown["rating"] }) {
  if (!rating) return <>no reviews yet, so quality is not adjusted.</>;
  const reviews = `${rating.count} ${rating.count === 1 ? "review" : "reviews"}`;
  if (rating.count < RATING_RANK.minCount) {
    return (
      <>
        {formatRating(rating.score)} out of 5 from {reviews}; ratings adjust the rank from {RATING_RANK.minCount} reviews on, so
        quality is not adjusted.
      </>
    );
  }
  return (
    <>
      {formatRating(rating.score)} out of 5 from {reviews}: quality is multiplied by {rating.factor.toFixed(3)} (
      {RATING_RANK.factorAtLowest} at 1 star to {RATING_RANK.factorAtHighest} at 5).
    </>
  );
}

/** "Why this rank": the parts of a hit's score in plain words, in a disclosure that works without JavaScript. */
export function RankDetails({ name, rank, sort }: { name: string; rank: RankBreakdown; sort: SearchSort }) {
  const yankFactor = rank.allYanked ? ALL_YANKED_FACTOR : 1;
  return (
    <details className="mt-1 text-sm">
      <summary className="w-fit cursor-pointer text-subtle hover:text-ink">
        Why this rank<span className="sr-only"> for {name}</span>
      </summary>
      <div className="mt-2 max-w-xl space-y-2 rounded border border-line bg-panel p-3">
        <ul className="space-y-1">
          <li>
            {rank.exactMatch ? (
              <>
                <strong>Exact name match:</strong> yes. The query is this crate&apos;s name; in relevance order exact
                matches come first.
              </>
            ) : (
              <>
                <strong>Exact name match:</strong> no.
              </>
            )}
          </li>
          <li>
            {rank.text !== null ? (
              <>
                <strong>Text match:</strong> {score(rank.text)} (how well the name, keywords, description and categories
                match the query).
              </>
            ) : (
              <>
                <strong>Text match:</strong> not used; results are ordered by {SORT_LABELS[sort].toLowerCase()}.
              </>
            )}
          </li>
          <li>
            <strong>Quality:</strong> {score(rank.quality)} out of 1, from these parts:
          </li>
        </ul>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left">
            <thead>
              <tr className="border-b border-line">
                <th scope="col" className="py-1 pr-3 font-medium">
                  Part
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Score
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Weight
                </th>
                <th scope="col" className="py-1 font-medium">
                  Adds
                </th>
              </tr>
            </thead>
            <tbody>
              {PART_ORDER.map((key) => {
                const part = rank.parts[key];
                return (
                  <tr key={key} className="border-b border-line last:border-0">
                    <th scope="row" className="py-1 pr-3 font-normal">
                      {PART_LABELS[key]}
                    </th>
                    <td className="py-1 pr-3 tabular-nums">{score(part.value)}</td>
                    <td className="py-1 pr-3 tabular-nums">{percent(part.weight)}</td>
                    <td className="py-1 tabular-nums">{score(part.value * part.weight * yankFactor)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {rank.allYanked ? (
          <p>
            <strong>Every version is yanked:</strong> quality is multiplied by {ALL_YANKED_FACTOR}.
          </p>
        ) : null}
        <p>
          <strong>Rating:</strong> <RatingExplanation rating={rank.rating} />
        </p>
        {rank.demotion ? (
          <p>
            <strong>Demoted by your view:</strong> relevance is multiplied by {rank.demotion.factor} (rule of{" "}
            <RuleLink source={rank.demotion.by} />
            {rank.demotion.by.reason ? <>: {rank.demotion.by.reason}</> : null}).
          </p>
        ) : null}
        {rank.text !== null ? (
          <p>
            <strong>Relevance:</strong> {score(rank.text)} ×{" "}
            {factor(rank) !== 1 ? (
              <>
                ({score(rank.quality)} × {factor(rank).toFixed(3)})
              </>
            ) : (
              score(rank.quality)
            )}
            {EXPONENT}
            {rank.demotion ? <> × {rank.demotion.factor}</> : null} ={" "}
            {score(relevanceScore(rank)!)}
            {rank.exactMatch ? ", after the exact match." : "."}
          </p>
        ) : null}
        {rank.rankedWith ? (
          <p>
            <strong>Ranked with its part</strong> <Link href={routes.crate(rank.rankedWith.crate)}>{rank.rankedWith.crate}</Link>{" "}
            (same repository, a name that extends this one): {score(rank.rankedWith.relevance)}, that part&apos;s relevance
            {rank.demotion ? <> × {rank.demotion.factor}</> : null}.
          </p>
        ) : null}
        <p>
          <Link href={routes.rankingDocs()}>How ranking works</Link>
        </p>
      </div>
    </details>
  );
}
