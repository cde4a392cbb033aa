import type { ViewScope } from "../curation/current-view";
import { toCrateCuration, type CrateCuration, type CurationColumns } from "../curation/crate-curation";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { ViewPage } from "./list-ranked-crates";
import { pageOffset, type PageRequest } from "./pagination";

export interface DependentView {
  name: string;
  description: string | null;
  /** Distinct requirements the dependent's default version puts on this crate (per target/kind). */
  reqs: string[];
  downloads: number;
  defaultVersion: string | null;
  /** What the visitor's view does to the dependent. */
  curation: CrateCuration | null;
}

interface DependentRow extends CurationColumns {
  name: string;
  description: string | null;
  reqs: string[];
  downloads: bigint;
  default_version: string | null;
}

/**
 * Direct reverse dependencies, most downloaded first: distinct crates whose
 * default version has a normal or build dependency on this crate. Dev
 * dependencies and crates with every version yanked do not count, matching
 * Crate.reverseDependencyCount. With a view, the dependents it hides are left
 * out and counted (or listed, marked, with `showHidden`).
 */
export async function listDependents(
  db: PrismaClient,
  crateId: number,
  request: PageRequest,
  view: ViewScope | null = null,
): Promise<ViewPage<DependentView>> {
  const viewId = view?.viewId ?? null;
  const shown = view && !view.showHidden ? Prisma.sql`cv.action IS DISTINCT FROM 'hide'` : Prisma.sql`TRUE`;
  const [rows, counted] = await Promise.all([
    db.$queryRaw<DependentRow[]>`
      SELECT c.name, c.description, c.downloads, v.num AS default_version,
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
      ORDER BY c.downloads DESC, c.name ASC
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
      downloads: Number(row.downloads),
      defaultVersion: row.default_version,
      curation: toCrateCuration(row),
    })),
  };
}
