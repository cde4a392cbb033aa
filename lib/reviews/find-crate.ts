import type { Db } from "./db-types";

export interface CrateRef {
  id: number;
  name: string;
  /** crates.name_lower: the key reviews and ratings use. */
  nameLower: string;
  removedAt: Date | null;
}

const select = { id: true, name: true, nameLower: true, removedAt: true } as const;

/**
 * The crate a user means, resolved like getCrate (lib/registry/get-crate.ts):
 * case-insensitively, with `-` and `_` the same character. Null when absent.
 * Only the columns reviews need, and it works inside a transaction.
 */
export async function findCrate(db: Db, name: string): Promise<CrateRef | null> {
  const lower = name.trim().toLowerCase();
  if (!lower) return null;
  const exact = await db.crate.findUnique({ where: { nameLower: lower }, select });
  if (exact || !/[-_]/.test(lower)) return exact;
  const underscored = lower.replaceAll("-", "_");
  const swapped = await db.crate.findFirst({
    where: { nameLower: { in: [lower.replaceAll("_", "-"), underscored] } },
    select,
    orderBy: { id: "asc" },
  });
  if (swapped || !(lower.includes("-") && lower.includes("_"))) return swapped;
  const rows = await db.$queryRaw<{ id: number }[]>`
    SELECT id FROM crates WHERE replace(name_lower, '-', '_') = ${underscored} ORDER BY id LIMIT 1`;
  const id = rows[0]?.id;
  return id === undefined ? null : db.crate.findUnique({ where: { id }, select });
}

/** The review key (crates.name_lower) for a crate name from a URL; its lowercase when no crate matches. */
export async function crateKey(db: Db, name: string): Promise<string> {
  return (await findCrate(db, name))?.nameLower ?? name.trim().toLowerCase();
}
