import type { PrismaClient } from "../generated/prisma/client";

export type DependencyKindName = "normal" | "build" | "dev";

export interface DependencyView {
  /** Real name of the crate depended on. */
  crateName: string;
  /** Local name in the manifest when renamed (`foo = { package = "bar" }`), else null. */
  explicitName: string | null;
  req: string;
  optional: boolean;
  /** Platform the dependency applies to (`cfg(windows)`, a target triple), or null for all. */
  target: string | null;
  defaultFeatures: boolean;
  features: string[];
  /** The crate's name as stored here when we have it (link to it), else null (show as text). */
  knownCrateName: string | null;
}

export type DependenciesByKind = Record<DependencyKindName, DependencyView[]>;

/** A version's dependencies grouped by kind, each group sorted by name, then target. */
export async function listDependencies(db: PrismaClient, versionId: number): Promise<DependenciesByKind> {
  const rows = await db.dependency.findMany({
    where: { versionId },
    select: {
      crateName: true,
      explicitName: true,
      req: true,
      optional: true,
      target: true,
      defaultFeatures: true,
      features: true,
      kind: true,
      crate: { select: { name: true } },
    },
    orderBy: [{ crateName: "asc" }, { target: { sort: "asc", nulls: "first" } }, { id: "asc" }],
  });
  const grouped: DependenciesByKind = { normal: [], build: [], dev: [] };
  for (const row of rows) {
    grouped[row.kind].push({
      crateName: row.crateName,
      explicitName: row.explicitName,
      req: row.req,
      optional: row.optional,
      target: row.target,
      defaultFeatures: row.defaultFeatures,
      features: row.features,
      knownCrateName: row.crate?.name ?? null,
    });
  }
  return grouped;
}
