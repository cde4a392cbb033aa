import type { Prisma, PrismaClient } from "../generated/prisma/client";

/** A version as a crate page shows it. */
export interface VersionDetail {
  id: number;
  num: string;
  publishedAt: Date | null;
  license: string | null;
  rustVersion: string | null;
  edition: string | null;
  /** The `links` manifest key (native library linked), not URLs. */
  links: string | null;
  yanked: boolean;
  prerelease: boolean;
  features: Record<string, string[]>;
  crateSize: number | null;
  downloads: number;
}

export const versionDetailSelect = {
  id: true,
  num: true,
  publishedAt: true,
  license: true,
  rustVersion: true,
  edition: true,
  links: true,
  yanked: true,
  prerelease: true,
  features: true,
  crateSize: true,
  downloads: true,
} satisfies Prisma.VersionSelect;

type VersionDetailRow = Prisma.VersionGetPayload<{ select: typeof versionDetailSelect }>;

export function toVersionDetail(row: VersionDetailRow): VersionDetail {
  return {
    id: row.id,
    num: row.num,
    publishedAt: row.publishedAt,
    license: row.license,
    rustVersion: row.rustVersion,
    edition: row.edition,
    links: row.links,
    yanked: row.yanked,
    prerelease: row.prerelease,
    features: toFeatureMap(row.features),
    crateSize: row.crateSize,
    downloads: Number(row.downloads),
  };
}

/** The stored features JSON, keeping only well-formed `name → [entries]` pairs. */
function toFeatureMap(value: Prisma.JsonValue): Record<string, string[]> {
  const map: Record<string, string[]> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return map;
  for (const [name, entries] of Object.entries(value)) {
    if (Array.isArray(entries)) map[name] = entries.filter((e): e is string => typeof e === "string");
  }
  return map;
}

/** One version of a crate by its exact number, or null. */
export async function getVersion(db: PrismaClient, crateId: number, num: string): Promise<VersionDetail | null> {
  const row = await db.version.findUnique({
    where: { crateId_num: { crateId, num } },
    select: versionDetailSelect,
  });
  return row ? toVersionDetail(row) : null;
}
