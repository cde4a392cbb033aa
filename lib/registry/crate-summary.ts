import { toCrateCuration, type CrateCuration, type CurationColumns } from "../curation/crate-curation";
import { Prisma } from "../generated/prisma/client";

/** One crate in a list (home page, category, keyword). Same field names as a search hit. */
export interface CrateSummary {
  name: string;
  description: string | null;
  maxVersion: string | null;
  defaultVersion: string | null;
  downloads: number;
  recentDownloads: number;
  reverseDependencies: number;
  updatedAt: Date | null;
  /** What the visitor's view does to the crate, when the list applied a view and it has a verdict. */
  curation?: CrateCuration | null;
}

/**
 * The columns of a CrateSummary in raw SQL over `crates c`, `versions dv` (the
 * default version) and `crate_verdicts cv` (the view's verdict, LEFT JOINed;
 * all NULL without a view).
 */
export const crateSummaryColumns = Prisma.sql`c.name, c.description, c.max_version, dv.num AS default_version, c.downloads,
  c.recent_downloads, c.reverse_dependency_count, c.updated_at,
  cv.action AS verdict_action, cv.labels AS verdict_labels, cv.replace_with AS verdict_replace_with, cv.sources AS verdict_sources`;

export interface CrateSummaryRow extends CurationColumns {
  name: string;
  description: string | null;
  max_version: string | null;
  default_version: string | null;
  downloads: bigint;
  recent_downloads: bigint;
  reverse_dependency_count: number;
  updated_at: Date | null;
}

export function fromCrateSummaryRow(row: CrateSummaryRow): CrateSummary {
  return {
    name: row.name,
    description: row.description,
    maxVersion: row.max_version,
    defaultVersion: row.default_version,
    downloads: Number(row.downloads),
    recentDownloads: Number(row.recent_downloads),
    reverseDependencies: row.reverse_dependency_count,
    updatedAt: row.updated_at,
    curation: toCrateCuration(row),
  };
}
