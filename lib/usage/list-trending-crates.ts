import type { ViewScope } from "../curation/current-view";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { crateSummaryColumns, fromCrateSummaryRow, type CrateSummary, type CrateSummaryRow } from "../registry/crate-summary";
import type { ViewPage } from "../registry/list-ranked-crates";
import { pageOffset, type PageRequest } from "../registry/pagination";
import { growthRatio, TREND_PERIOD_DAYS } from "./trend-score";

/** A trending crate: its summary and the two periods compared. */
export interface TrendingCrate extends CrateSummary {
  /** Downloads in the last 28 days of the registry's window, and the 28 days before. */
  recent: number;
  previous: number;
  /** (recent - previous) / previous; null when there were none before (a new crate). */
  growth: number | null;
  /** The damped growth the list is ordered by (lib/usage/README.md). */
  score: number;
}

/** Days in each period compared, for labels ("in 28 days"). */
export const TRENDING_PERIOD_DAYS = TREND_PERIOD_DAYS;

/**
 * How many of the best scores the list holds (40 pages of 25; removed and
 * fully yanked crates among them are left out). Past that "trending" means
 * little, and a bound keeps the count cheap: at full scale ~50,000 crates
 * grow, and counting them means reading every crate row to leave out
 * removed and fully yanked ones (~0.6 s).
 */
export const TRENDING_LIMIT = 1000;

interface TrendingRow extends CrateSummaryRow {
  recent: bigint;
  previous: bigint;
  score: number;
}

// The best `limit` scores (> 0: growing and above the minimum) read down the
// score index, then the removed and fully yanked crates among them left out,
// one crate lookup per row. MATERIALIZED keeps it in that order: planned as
// one join, PostgreSQL chose a parallel scan that took 15 times as long
// (140 ms against 9 ms at full scale). Carries name_lower for the view's
// verdicts, so counting and ordering never read a crate row twice.
const topTrends = (limit: number) => Prisma.sql`
  WITH best AS MATERIALIZED (
    SELECT crate_id, recent, previous, score FROM crate_download_trends
    WHERE score > 0 ORDER BY score DESC, crate_id LIMIT ${limit}
  )
  SELECT b.crate_id, c.name, c.name_lower, b.recent, b.previous, b.score
  FROM best b JOIN crates c ON c.id = b.crate_id
  WHERE c.removed_at IS NULL AND NOT c.all_yanked`;

function fromTrendingRow(row: TrendingRow): TrendingCrate {
  const recent = Number(row.recent);
  const previous = Number(row.previous);
  return { ...fromCrateSummaryRow(row), recent, previous, growth: growthRatio(recent, previous), score: row.score };
}

/** `limit` crates from `offset` among the best `within` scores, in the view's order; the summary columns are read for those rows only. */
async function selectTrending(db: PrismaClient, limit: number, offset: number, view: ViewScope | null, within: number): Promise<TrendingCrate[]> {
  const viewId = view?.viewId ?? null;
  const shown = view && !view.showHidden ? Prisma.sql`v.action IS DISTINCT FROM 'hide'` : Prisma.sql`TRUE`;
  const demotedLast = view ? Prisma.sql`(v.action = 'demote') IS TRUE,` : Prisma.empty;
  const rows = await db.$queryRaw<TrendingRow[]>`
    WITH top AS (${topTrends(within)}),
    page AS (
      SELECT top.crate_id, top.recent, top.previous, top.score, row_number() OVER (ORDER BY ${demotedLast} top.score DESC, top.name) AS position
      FROM top LEFT JOIN crate_verdicts v ON v.view_id = ${viewId}::int AND v.name_lower = top.name_lower
      WHERE ${shown}
      ORDER BY position
      LIMIT ${limit} OFFSET ${offset}
    )
    SELECT ${crateSummaryColumns}, p.recent, p.previous, p.score
    FROM page p
    JOIN crates c ON c.id = p.crate_id
    LEFT JOIN versions dv ON dv.id = c.default_version_id
    LEFT JOIN crate_verdicts cv ON cv.view_id = ${viewId}::int AND cv.name_lower = c.name_lower
    ORDER BY p.position`;
  return rows.map(fromTrendingRow);
}

/**
 * One page of the crates whose downloads grow fastest (crate_download_trends,
 * refreshed after each ingest), among the TRENDING_LIMIT best scores:
 * score > 0 only, so below-minimum and shrinking crates are not listed.
 * Removed and fully yanked crates are left out. With a view, the crates it
 * hides are left out and counted (or listed, marked, with `showHidden`), and
 * demoted ones come after the others.
 */
export async function listTrendingCrates(
  db: PrismaClient,
  request: PageRequest,
  view: ViewScope | null = null,
): Promise<ViewPage<TrendingCrate>> {
  const shown = view && !view.showHidden ? Prisma.sql`cv.action IS DISTINCT FROM 'hide'` : Prisma.sql`TRUE`;
  const [counts, items] = await Promise.all([
    db.$queryRaw<{ shown: bigint; hidden: bigint }[]>`
      WITH top AS (${topTrends(TRENDING_LIMIT)})
      SELECT count(*) FILTER (WHERE ${shown}) AS shown, count(*) FILTER (WHERE cv.action = 'hide') AS hidden
      FROM top LEFT JOIN crate_verdicts cv ON cv.view_id = ${view?.viewId ?? null}::int AND cv.name_lower = top.name_lower`,
    selectTrending(db, request.perPage, pageOffset(request), view, TRENDING_LIMIT),
  ]);
  return {
    total: Number(counts[0]?.shown ?? 0),
    page: request.page,
    perPage: request.perPage,
    items,
    hidden: view ? Number(counts[0]?.hidden ?? 0) : null,
  };
}

/** How many of the best scores the home page's short list ranks with a view (hidden ones left out, demoted ones last). */
const TOP_WITHIN = 100;

/**
 * The first `limit` trending crates the view shows (the home page's short
 * list), without a count. With a view they are ranked among the best
 * TOP_WITHIN scores only, not all TRENDING_LIMIT: the same crates as the
 * list's first page unless the view hides or demotes nearly all of those.
 */
export function listTopTrendingCrates(db: PrismaClient, limit: number, view: ViewScope | null = null): Promise<TrendingCrate[]> {
  return selectTrending(db, limit, 0, view, view ? Math.max(limit, TOP_WITHIN) : limit);
}
