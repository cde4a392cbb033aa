import type { ViewScope } from "../curation/current-view";
import { toCrateCuration, type CrateCuration, type CurationColumns } from "../curation/crate-curation";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { compareLinesNewestFirst, reqLine, UNREADABLE_LINE } from "../usage/cargo-req-line";
import type { ViewPage } from "./list-ranked-crates";
import { pageOffset, type PageRequest } from "./pagination";

/** Orders of the dependents listing; `downloads` (all-time) is the default. */
export const DEPENDENT_SORTS = ["downloads", "recent", "name", "updated"] as const;
export type DependentSort = (typeof DEPENDENT_SORTS)[number];

export function isDependentSort(value: string): value is DependentSort {
  return (DEPENDENT_SORTS as readonly string[]).includes(value);
}

// Each order ends on the name, so pages never overlap.
const ORDER_BY: Record<DependentSort, Prisma.Sql> = {
  downloads: Prisma.sql`c.downloads DESC, c.name_lower ASC`,
  recent: Prisma.sql`c.recent_downloads DESC, c.downloads DESC, c.name_lower ASC`,
  name: Prisma.sql`c.name_lower ASC`,
  updated: Prisma.sql`c.updated_at DESC NULLS LAST, c.name_lower ASC`,
};

export interface DependentView {
  name: string;
  description: string | null;
  /** Distinct requirements the dependent's default version puts on this crate (per target/kind). */
  reqs: string[];
  /**
   * The release line those requirements select (lib/usage/cargo-req-line.ts):
   * the newest one when they differ, "*" when unbounded above, "?" when none can be read.
   */
  line: string;
  downloads: number;
  recentDownloads: number;
  updatedAt: Date | null;
  defaultVersion: string | null;
  /** What the visitor's view does to the dependent. */
  curation: CrateCuration | null;
}

interface DependentRow extends CurationColumns {
  name: string;
  description: string | null;
  reqs: string[];
  downloads: bigint;
  recent_downloads: bigint;
  updated_at: Date | null;
  default_version: string | null;
}

/** The line a dependent's requirements select: the newest, readable ones before unreadable ones (as crate_dependency_stats counts it). */
export function dependentReqLine(reqs: readonly string[]): string {
  const lines = reqs.map((req) => reqLine(req) ?? UNREADABLE_LINE).sort(compareLinesNewestFirst);
  return lines[0] ?? UNREADABLE_LINE;
}

/**
 * Direct reverse dependencies, most downloaded first (or in another `sort`
 * order): distinct crates whose default version has a normal or build
 * dependency on this crate. Dev dependencies and crates with every version
 * yanked do not count, matching Crate.reverseDependencyCount. With a view, the
 * dependents it hides are left out and counted (or listed, marked, with
 * `showHidden`).
 */
export async function listDependents(
  db: PrismaClient,
  crateId: number,
  request: PageRequest,
  view: ViewScope | null = null,
  sort: DependentSort = "downloads",
): Promise<ViewPage<DependentView>> {
  const viewId = view?.viewId ?? null;
  const shown = view && !view.showHidden ? Prisma.sql`cv.action IS DISTINCT FROM 'hide'` : Prisma.sql`TRUE`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<DependentRow[]>`
      SELECT c.name, c.description, c.downloads, c.recent_downloads, c.updated_at, v.num AS default_version,
             array_agg(DISTINCT d.req ORDER BY d.req) AS reqs,
             cv.action AS verdict_action, cv.labels AS verdict_labels, cv.replace_with AS verdict_replace_with, cv.sources AS verdict_sources
      FROM dependencies d
      JOIN crates c ON c.default_version_id = d.version_id
      JOIN versions v ON v.id = c.default_version_id
      LEFT JOIN crate_verdicts cv ON cv.view_id = ${viewId}::int AND cv.name_lower = c.name_lower
      WHERE d.crate_id = ${crateId}
        AND d.kind IN ('normal', 'build')
        AND NOT c.all_yanked
        AND c.removed_at IS NULL
        AND ${shown}
      GROUP BY c.id, v.num, cv.view_id, cv.name_lower
      ORDER BY ${ORDER_BY[sort]}
      LIMIT ${request.perPage} OFFSET ${pageOffset(request)}`,
    db.$queryRaw<{ total: bigint; hidden: bigint }[]>`
      SELECT count(DISTINCT c.id) FILTER (WHERE ${shown}) AS total, count(DISTINCT c.id) FILTER (WHERE cv.action = 'hide') AS hidden
      FROM dependencies d
      JOIN crates c ON c.default_version_id = d.version_id
      LEFT JOIN crate_verdicts cv ON cv.view_id = ${viewId}::int AND cv.name_lower = c.name_lower
      WHERE d.crate_id = ${crateId}
        AND d.kind IN ('normal', 'build')
        AND NOT c.all_yanked
        AND c.removed_at IS NULL`,
  ]);
  return {
    hidden: view ? Number(counted[0]?.hidden ?? 0) : null,
    total: Number(counted[0]?.total ?? 0),
    page: request.page,
    perPage: request.perPage,
    items: rows.map((row) => ({
      name: row.name,
      description: row.description,
      reqs: row.reqs,
      line: dependentReqLine(row.reqs),
      downloads: Number(row.downloads),
      recentDownloads: Number(row.recent_downloads),
      updatedAt: row.updated_at,
      defaultVersion: row.default_version,
      curation: toCrateCuration(row),
    })),
  };
}
