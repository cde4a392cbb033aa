import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CurationBadges, CurationReason } from "@/components/view/curation-badges";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatCount, formatNumber } from "@/lib/registry/format";
import { routes } from "@/lib/routes";
import type { HitRating, RatingCriterion, SearchHit, SearchSort } from "@/lib/search/search-backend";
import { HighlightedText } from "./highlighted-text";
import { RankDetails } from "./rank-details";
import { formatRating, RATING_LABELS } from "./search-options";

/**
 * One search result: the crate-list fields, the query's words marked, the
 * license, its overall rating, and why it ranks here. `ratingCriteria` are
 * other criteria worth showing (the ones the results are sorted or filtered
 * by), when the crate has them.
 */
export function SearchHitItem({
  hit,
  query,
  sort,
  ratingCriteria = [],
}: {
  hit: SearchHit;
  query: string;
  sort: SearchSort;
  ratingCriteria?: RatingCriterion[];
}) {
  const version = hit.defaultVersion ?? hit.maxVersion;
  const shownRatings = (["overall", ...ratingCriteria.filter((c) => c !== "overall")] as RatingCriterion[]).flatMap((criterion) => {
    const rating = hit.ratings[criterion];
    return rating ? [{ criterion, rating }] : [];
  });
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <Link href={routes.crate(hit.name)} className="text-lg font-semibold break-all">
          <HighlightedText text={hit.name} query={query} />
        </Link>
        {version ? <span className="font-mono text-sm break-all text-subtle">{version}</span> : null}
        {hit.exactMatch ? <Badge tone="brand">exact match</Badge> : null}
        {hit.rank.allYanked ? <Badge tone="warn">all versions yanked</Badge> : null}
        <CurationBadges curation={hit.curation} />
      </div>
      <CurationReason curation={hit.curation} />
      {hit.description ? (
        <p className="mt-0.5 break-words">
          <HighlightedText text={hit.description} query={query} />
        </p>
      ) : null}
      <p className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-sm text-subtle">
        {shownRatings.map(({ criterion, rating }) => (
          <RatingText key={criterion} criterion={criterion} rating={rating} />
        ))}
        <span title={`${formatNumber(hit.downloads)} downloads`}>{formatCount(hit.downloads)} downloads</span>
        <span title={`${formatNumber(hit.recentDownloads)} downloads in the last 90 days`}>
          {formatCount(hit.recentDownloads)} recent
        </span>
        <span title={`${formatNumber(hit.reverseDependencies)} crates depend on it directly`}>
          {formatCount(hit.reverseDependencies)} {hit.reverseDependencies === 1 ? "dependent" : "dependents"}
        </span>
        {hit.updatedAt ? (
          <span>
            updated <TimeAgo date={hit.updatedAt} />
          </span>
        ) : null}
        {hit.license ? (
          <span className="break-all">
            <span className="sr-only">License: </span>
            {hit.license}
          </span>
        ) : null}
      </p>
      <RankDetails name={hit.name} rank={hit.rank} sort={sort} />
    </li>
  );
}

/** "★ 4.3 (12 reviews)" for the overall rating, "Documentation 4.5 (8 reviews)" for another criterion. */
function RatingText({ criterion, rating }: { criterion: RatingCriterion; rating: HitRating }) {
  const reviews = `${formatNumber(rating.count)} ${rating.count === 1 ? "review" : "reviews"}`;
  return (
    <span className="text-ink" title={`${RATING_LABELS[criterion]}: ${rating.score.toFixed(2)} out of 5 (average of ${reviews}, weighted toward the site-wide mean)`}>
      {criterion === "overall" ? (
        <span aria-hidden="true" className="text-brand">
          ★{" "}
        </span>
      ) : (
        <>{RATING_LABELS[criterion]} </>
      )}
      {criterion === "overall" ? <span className="sr-only">Rated </span> : null}
      <span className="font-semibold tabular-nums">{formatRating(rating.score)}</span>
      <span className="sr-only"> out of 5</span> <span className="text-subtle">({reviews})</span>
    </span>
  );
}
