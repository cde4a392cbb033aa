import type { Prisma } from "../generated/prisma/client";

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
}

export const crateSummarySelect = {
  name: true,
  description: true,
  maxVersion: true,
  downloads: true,
  recentDownloads: true,
  reverseDependencyCount: true,
  updatedAt: true,
  defaultVersion: { select: { num: true } },
} satisfies Prisma.CrateSelect;

type CrateSummaryRow = Prisma.CrateGetPayload<{ select: typeof crateSummarySelect }>;

export function toCrateSummary(row: CrateSummaryRow): CrateSummary {
  return {
    name: row.name,
    description: row.description,
    maxVersion: row.maxVersion,
    defaultVersion: row.defaultVersion?.num ?? null,
    downloads: Number(row.downloads),
    recentDownloads: Number(row.recentDownloads),
    reverseDependencies: row.reverseDependencyCount,
    updatedAt: row.updatedAt,
  };
}

/** List order for "best crates first": most depended-on, then most downloaded. */
export const crateRankOrder = [
  { reverseDependencyCount: "desc" },
  { downloads: "desc" },
  { name: "asc" },
] satisfies Prisma.CrateOrderByWithRelationInput[];
