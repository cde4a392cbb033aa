import type { PrismaClient } from "../generated/prisma/client";

export interface VersionSummary {
  id: number;
  num: string;
  yanked: boolean;
  prerelease: boolean;
  publishedAt: Date | null;
  downloads: number;
  license: string | null;
  rustVersion: string | null;
}

interface VersionRow {
  id: number;
  num: string;
  yanked: boolean;
  prerelease: boolean;
  published_at: Date | null;
  downloads: bigint;
  license: string | null;
  rust_version: string | null;
}

/**
 * Every version of a crate, highest semver first. `sort_key` is built to sort
 * bytewise; COLLATE "C" is spelled out so the order holds whatever collation
 * the column or the database was created with.
 */
export async function listVersions(db: PrismaClient, crateId: number): Promise<VersionSummary[]> {
  const rows = await db.$queryRaw<VersionRow[]>`
    SELECT id, num, yanked, prerelease, published_at, downloads, license, rust_version
    FROM versions
    WHERE crate_id = ${crateId}
    ORDER BY sort_key COLLATE "C" DESC, id DESC`;
  return rows.map((row) => ({
    id: row.id,
    num: row.num,
    yanked: row.yanked,
    prerelease: row.prerelease,
    publishedAt: row.published_at,
    downloads: Number(row.downloads),
    license: row.license,
    rustVersion: row.rust_version,
  }));
}
