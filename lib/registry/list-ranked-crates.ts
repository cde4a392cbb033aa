import type { ViewScope } from "../curation/current-view";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { crateSummaryColumns, fromCrateSummaryRow, type CrateSummary, type CrateSummaryRow } from "./crate-summary";
import { pageOffset, type PageRequest, type Paginated } from "./pagination";

/** A page of crates in a curated view: `hidden` counts what the view left out (null without a view). */
export type ViewPage<T> = Paginated<T> & { hidden: number | null };

/**
 * One page of the crates matching `where` (a condition on `c`, the crates
 * table; removed crates and crates with every version yanked are always left
 * out), best first: most depended-on, then most downloaded. With a view, the
 * crates it hides are left out and counted (or listed, marked, with
 * `showHidden`), and the crates it demotes come after the others.
 */
export async function listRankedCrates(
  db: PrismaClient,
  where: Prisma.Sql,
  request: PageRequest,
  view: ViewScope | null = null,
): Promise<ViewPage<CrateSummary>> {
  const viewId = view?.viewId ?? null;
  const shown = view && !view.showHidden ? Prisma.sql`cv.action IS DISTINCT FROM 'hide'` : Prisma.sql`TRUE`;
  const demotedLast = view ? Prisma.sql`(cv.action = 'demote') IS TRUE,` : Prisma.empty;
  const [counts, rows] = await Promise.all([
    db.$queryRaw<{ shown: bigint; hidden: bigint }[]>`
      SELECT count(*) FILTER (WHERE ${shown}) AS shown, count(*) FILTER (WHERE cv.action = 'hide') AS hidden
      FROM crates c
      LEFT JOIN crate_verdicts cv ON cv.view_id = ${viewId}::int AND cv.name_lower = c.name_lower
      WHERE c.removed_at IS NULL AND NOT c.all_yanked AND ${where}`,
    db.$queryRaw<CrateSummaryRow[]>`
      SELECT ${crateSummaryColumns}
      FROM crates c
      LEFT JOIN versions dv ON dv.id = c.default_version_id
      LEFT JOIN crate_verdicts cv ON cv.view_id = ${viewId}::int AND cv.name_lower = c.name_lower
      WHERE c.removed_at IS NULL AND NOT c.all_yanked AND ${where} AND ${shown}
      ORDER BY ${demotedLast} c.reverse_dependency_count DESC, c.downloads DESC, c.name
      LIMIT ${request.perPage} OFFSET ${pageOffset(request)}`,
  ]);
  return {
    total: Number(counts[0]?.shown ?? 0),
    page: request.page,
    perPage: request.perPage,
    items: rows.map(fromCrateSummaryRow),
    hidden: view ? Number(counts[0]?.hidden ?? 0) : null,
  };
}
