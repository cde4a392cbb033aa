import type { PrismaClient } from "../generated/prisma/client";
import type { CrateSummary } from "../registry/crate-summary";
import { canonicalName, plainTsquery, prefixTsquery, searchTerms } from "./search-terms";

// Search on PostgreSQL alone: weighted full-text (name A, keywords B,
// description C, categories D), prefix matching, pg_trgm similarity on the name
// for typos, and the exact name pinned first as crates.io does. Popularity
// (downloads, reverse dependencies) breaks ties between similar text matches.

/** A crate in search results: the list fields every crate list shows, plus the exact-match flag. */
export interface SearchHit extends CrateSummary {
  /** True when the query equals the crate name (case-insensitively, `-` and `_` alike). */
  exactMatch: boolean;
}

export interface SearchQuery {
  q: string;
  page: number;
  perPage: number;
}

export interface SearchResult {
  total: number;
  page: number;
  perPage: number;
  results: SearchHit[];
}

interface HitRow {
  name: string;
  description: string | null;
  max_version: string | null;
  default_version: string | null;
  downloads: bigint;
  recent_downloads: bigint;
  reverse_dependency_count: number;
  updated_at: Date | null;
  exact: boolean;
  total: bigint;
}

export async function searchCrates(db: PrismaClient, query: SearchQuery): Promise<SearchResult> {
  const { name, words } = searchTerms(query.q);
  const offset = (query.page - 1) * query.perPage;
  const rows = words.length === 0 ? await listByPopularity(db, query.perPage, offset) : await rankByText(db, name, words, query.perPage, offset);
  return {
    total: Number(rows[0]?.total ?? (offset > 0 ? await countMatches(db, name, words) : 0)),
    page: query.page,
    perPage: query.perPage,
    results: rows.map(toHit),
  };
}

function listByPopularity(db: PrismaClient, limit: number, offset: number): Promise<HitRow[]> {
  return db.$queryRaw<HitRow[]>`
    SELECT c.name, c.description, c.max_version, v.num AS default_version, c.downloads, c.recent_downloads,
      c.reverse_dependency_count, c.updated_at, false AS exact, count(*) OVER () AS total
    FROM crates c LEFT JOIN versions v ON v.id = c.default_version_id
    WHERE c.removed_at IS NULL
    ORDER BY c.all_yanked, c.reverse_dependency_count DESC, c.downloads DESC, c.name
    LIMIT ${limit} OFFSET ${offset}`;
}

function rankByText(db: PrismaClient, name: string, words: string[], limit: number, offset: number): Promise<HitRow[]> {
  const canonical = canonicalName(name);
  return db.$queryRaw<HitRow[]>`
    WITH q AS (
      SELECT to_tsquery('simple', ${prefixTsquery(words)}) || to_tsquery('english', ${plainTsquery(words)}) AS tsq
    ), matches AS (
      SELECT c.*, replace(c.name_lower, '-', '_') = ${canonical} AS exact,
        ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', c.search_vector, q.tsq, 1) AS text_rank,
        similarity(c.name_lower, ${name}) AS name_similarity
      FROM crates c, q
      WHERE (c.search_vector @@ q.tsq OR c.name_lower % ${name} OR replace(c.name_lower, '-', '_') = ${canonical})
        AND c.removed_at IS NULL
    )
    SELECT m.name, m.description, m.max_version, v.num AS default_version, m.downloads, m.recent_downloads,
      m.reverse_dependency_count, m.updated_at, m.exact, count(*) OVER () AS total
    FROM matches m LEFT JOIN versions v ON v.id = m.default_version_id
    ORDER BY m.exact DESC,
      (m.text_rank + m.name_similarity + CASE WHEN m.name_lower LIKE ${escapeLike(name)} || '%' THEN 0.3 ELSE 0 END)
        * (1 + ln(1 + m.downloads) / 25 + ln(1 + m.reverse_dependency_count) / 8)
        * CASE WHEN m.all_yanked THEN 0.2 ELSE 1 END DESC,
      m.downloads DESC, m.name
    LIMIT ${limit} OFFSET ${offset}`;
}

// Only needed when the requested page lies past the last result.
async function countMatches(db: PrismaClient, name: string, words: string[]): Promise<number> {
  if (words.length === 0) {
    const [row] = await db.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM crates WHERE removed_at IS NULL`;
    return Number(row?.n ?? 0);
  }
  const canonical = canonicalName(name);
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM crates c,
      (SELECT to_tsquery('simple', ${prefixTsquery(words)}) || to_tsquery('english', ${plainTsquery(words)}) AS tsq) q
    WHERE (c.search_vector @@ q.tsq OR c.name_lower % ${name} OR replace(c.name_lower, '-', '_') = ${canonical})
      AND c.removed_at IS NULL`;
  return Number(row?.n ?? 0);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toHit(row: HitRow): SearchHit {
  return {
    name: row.name,
    description: row.description,
    maxVersion: row.max_version,
    defaultVersion: row.default_version,
    downloads: Number(row.downloads),
    recentDownloads: Number(row.recent_downloads),
    reverseDependencies: row.reverse_dependency_count,
    updatedAt: row.updated_at,
    exactMatch: row.exact,
  };
}
