import type { PrismaClient } from "../generated/prisma/client";

export interface KeywordDetail {
  id: number;
  keyword: string;
  /** Crates with the keyword, leaving out crates with every version yanked. */
  crateCount: number;
}

/** A keyword, exactly or lower-cased (crates.io stores them lower-cased), or null. */
export async function getKeyword(db: PrismaClient, keyword: string): Promise<KeywordDetail | null> {
  const trimmed = keyword.trim();
  if (!trimmed) return null;
  const candidates = [...new Set([trimmed, trimmed.toLowerCase()])];
  const rows = await db.keyword.findMany({
    where: { keyword: { in: candidates } },
    select: { id: true, keyword: true, _count: { select: { crates: { where: { crate: { allYanked: false, removedAt: null } } } } } },
  });
  const row = rows.find((r) => r.keyword === trimmed) ?? rows[0];
  return row ? { id: row.id, keyword: row.keyword, crateCount: row._count.crates } : null;
}
