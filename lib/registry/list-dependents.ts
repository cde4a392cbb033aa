import type { PrismaClient } from "../generated/prisma/client";
import { pageOffset, type PageRequest, type Paginated } from "./pagination";

export interface DependentView {
  name: string;
  description: string | null;
  /** Distinct requirements the dependent's default version puts on this crate (per target/kind). */
  reqs: string[];
  downloads: number;
  defaultVersion: string | null;
}

interface DependentRow {
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
 * Crate.reverseDependencyCount.
 */
export async function listDependents(
  db: PrismaClient,
  crateId: number,
  request: PageRequest,
): Promise<Paginated<DependentView>> {
  const [rows, counted] = await Promise.all([
    db.$queryRaw<DependentRow[]>`
      SELECT c.name, c.description, c.downloads, v.num AS default_version,
             array_agg(DISTINCT d.req ORDER BY d.req) AS reqs
      FROM dependencies d
      JOIN crates c ON c.default_version_id = d.version_id
      JOIN versions v ON v.id = c.default_version_id
      WHERE d.crate_id = ${crateId}
        AND d.kind IN ('normal', 'build')
        AND NOT c.all_yanked
        AND c.removed_at IS NULL
      GROUP BY c.id, v.num
      ORDER BY c.downloads DESC, c.name ASC
      LIMIT ${request.perPage} OFFSET ${pageOffset(request)}`,
    db.$queryRaw<{ total: bigint }[]>`
      SELECT count(DISTINCT c.id) AS total
      FROM dependencies d
      JOIN crates c ON c.default_version_id = d.version_id
      WHERE d.crate_id = ${crateId}
        AND d.kind IN ('normal', 'build')
        AND NOT c.all_yanked
        AND c.removed_at IS NULL`,
  ]);
  return {
    total: Number(counted[0]?.total ?? 0),
    page: request.page,
    perPage: request.perPage,
    items: rows.map((row) => ({
      name: row.name,
      description: row.description,
      reqs: row.reqs,
      downloads: Number(row.downloads),
      defaultVersion: row.default_version,
    })),
  };
}
