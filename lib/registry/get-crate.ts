import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { toVersionDetail, versionDetailSelect, type VersionDetail } from "./get-version";

export interface CrateOwnerView {
  login: string;
  name: string | null;
  kind: "user" | "team";
  avatar: string | null;
}

export interface CrateDetail {
  id: number;
  name: string;
  description: string | null;
  repository: string | null;
  documentation: string | null;
  homepage: string | null;
  downloads: number;
  recentDownloads: number;
  reverseDependencyCount: number;
  versionCount: number;
  allYanked: boolean;
  /** When the crate left the registry; its page stays, marked, and lists leave it out. */
  removedAt: Date | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  maxVersion: string | null;
  /** The version pages show (see Crate.defaultVersionId); null only for a crate without versions. */
  defaultVersion: VersionDetail | null;
  categories: { slug: string; name: string }[];
  keywords: string[];
  owners: CrateOwnerView[];
}

const crateDetailSelect = {
  id: true,
  name: true,
  description: true,
  repository: true,
  documentation: true,
  homepage: true,
  downloads: true,
  recentDownloads: true,
  reverseDependencyCount: true,
  versionCount: true,
  allYanked: true,
  removedAt: true,
  createdAt: true,
  updatedAt: true,
  maxVersion: true,
  defaultVersion: { select: versionDetailSelect },
  categories: { select: { category: { select: { slug: true, name: true } } } },
  keywords: { select: { keyword: { select: { keyword: true } } } },
  owners: {
    select: {
      kind: true,
      createdAt: true,
      user: { select: { login: true, name: true, avatar: true } },
      team: { select: { login: true, name: true, avatar: true } },
    },
    orderBy: [{ createdAt: { sort: "asc", nulls: "last" } }, { id: "asc" }],
  },
} satisfies Prisma.CrateSelect;

/**
 * A crate by name, case-insensitively; `-` and `_` count as the same character
 * (as on crates.io, where `foo-bar` and `foo_bar` cannot both exist). Null when absent.
 */
export async function getCrate(db: PrismaClient, name: string): Promise<CrateDetail | null> {
  const lower = name.trim().toLowerCase();
  if (!lower) return null;
  let row = await db.crate.findUnique({ where: { nameLower: lower }, select: crateDetailSelect });
  if (!row && /[-_]/.test(lower)) {
    const id = await findIdBySeparatorInsensitiveName(db, lower);
    if (id !== null) row = await db.crate.findUnique({ where: { id }, select: crateDetailSelect });
  }
  return row ? toCrateDetail(row) : null;
}

async function findIdBySeparatorInsensitiveName(db: PrismaClient, lower: string): Promise<number | null> {
  const dashed = lower.replaceAll("_", "-");
  const underscored = lower.replaceAll("-", "_");
  // Whole-name swaps use the unique index; a name mixing both separators needs the scan.
  const swapped = await db.crate.findFirst({
    where: { nameLower: { in: [dashed, underscored] } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  if (swapped) return swapped.id;
  if (!(lower.includes("-") && lower.includes("_"))) return null;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM crates WHERE replace(name_lower, '-', '_') = ${underscored} ORDER BY id LIMIT 1`;
  return rows[0]?.id ?? null;
}

type CrateDetailRow = Prisma.CrateGetPayload<{ select: typeof crateDetailSelect }>;

function toCrateDetail(row: CrateDetailRow): CrateDetail {
  const owners: CrateOwnerView[] = [];
  for (const owner of row.owners) {
    const who = owner.kind === "user" ? owner.user : owner.team;
    if (who) owners.push({ login: who.login, name: who.name, kind: owner.kind, avatar: who.avatar });
  }
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    repository: row.repository,
    documentation: row.documentation,
    homepage: row.homepage,
    downloads: Number(row.downloads),
    recentDownloads: Number(row.recentDownloads),
    reverseDependencyCount: row.reverseDependencyCount,
    versionCount: row.versionCount,
    allYanked: row.allYanked,
    removedAt: row.removedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    maxVersion: row.maxVersion,
    defaultVersion: row.defaultVersion ? toVersionDetail(row.defaultVersion) : null,
    categories: row.categories.map((c) => c.category).sort((a, b) => a.name.localeCompare(b.name, "en")),
    keywords: row.keywords.map((k) => k.keyword.keyword).sort(),
    owners,
  };
}
