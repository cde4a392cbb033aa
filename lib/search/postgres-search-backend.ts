import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { rankBreakdown } from "./rank-score";
import type { SearchBackend, SearchFacets, SearchFilters, SearchHit, SearchRequest, SearchResponse, SearchSort } from "./search-backend";
import { FACET_LIMIT } from "./search-backend";
import { canonicalName, searchTerms, type SearchTerms } from "./search-terms";
import { synonymsOf } from "./synonyms";

// Search on PostgreSQL alone: weighted full-text (name A, keywords B,
// description C with English stems, categories D), prefix matching, pg_trgm
// similarity of the name for typos, and the exact name pinned first as
// crates.io does. Text relevance is multiplied by the quality score
// (crate_quality(), see rank-score.ts). Removed crates never match.

interface HitRow {
  name: string;
  description: string | null;
  max_version: string | null;
  default_version: string | null;
  license: string | null;
  downloads: bigint;
  recent_downloads: bigint;
  reverse_dependency_count: number;
  updated_at: Date | null;
  all_yanked: boolean;
  exact: boolean;
  text_score: number | null;
  total: bigint;
}

interface FacetRow {
  facet: keyof SearchFacets;
  value: string;
  label: string;
  n: bigint;
}

export function createPostgresSearchBackend(db: PrismaClient): SearchBackend {
  return {
    name: "postgres",
    search: (request) => searchPostgres(db, request),
  };
}

async function searchPostgres(db: PrismaClient, request: SearchRequest): Promise<SearchResponse> {
  const terms = searchTerms(request.q);
  const byText = terms.words.length > 0;
  let response = await searchWith(db, request, byText, matchesSql(terms, request.filters, "all-words"));
  if (response.total < RELAX_BELOW && terms.words.length > 1) {
    response = await searchWith(db, request, byText, matchesSql(terms, request.filters, "any-word"));
  }
  if (response.total === 0) response.didYouMean = await suggestQuery(db, terms, request.filters);
  return response;
}

/** `byText`: the query has words, so matches carry text scores. */
async function searchWith(db: PrismaClient, request: SearchRequest, byText: boolean, matches: Prisma.Sql): Promise<SearchResponse> {
  const offset = (request.page - 1) * request.perPage;
  const order = orderSql(request.sort, byText);
  // Ranking by text scores every match anyway, so that one pass also counts
  // them (a second query would read every match again). A sort by a column
  // can read the page from that column's index and stop, so the count runs
  // as its own query beside it. Only the page's rows are joined to their
  // default version.
  const countInPass = request.sort === "relevance" && byText;
  const [rows, counted, facets] = await Promise.all([
    db.$queryRaw<(HitRow & { total: bigint | null })[]>`
      WITH matches AS (${matches})
      SELECT m.name, m.description, m.max_version, dv.num AS default_version, dv.license, m.downloads, m.recent_downloads,
        m.reverse_dependency_count, m.updated_at, m.all_yanked, m.exact, m.text_score, m.total
      FROM (SELECT m.*, ${countInPass ? Prisma.sql`count(*) OVER ()` : Prisma.sql`NULL::bigint`} AS total
        FROM matches m ORDER BY ${order} LIMIT ${request.perPage} OFFSET ${offset}) m
      LEFT JOIN versions dv ON dv.id = m.default_version_id
      ORDER BY ${order}`,
    countInPass ? Promise.resolve(null) : countMatches(db, matches),
    request.facets ? facetCounts(db, matches) : Promise.resolve(null),
  ]);
  // Past the last page no row carries the total: count it on its own.
  const total = counted ?? (rows[0] ? Number(rows[0].total) : offset > 0 ? await countMatches(db, matches) : 0);
  const now = new Date();
  return {
    total,
    page: request.page,
    perPage: request.perPage,
    results: rows.map((row) => toHit(row, now)),
    facets,
    didYouMean: null,
    backend: "postgres",
    degraded: false,
  };
}

/** Below this many strict matches, a query of several words also takes crates matching only some of them. */
const RELAX_BELOW = 5;

type MatchMode = "all-words" | "any-word";

/**
 * One query word as a tsquery: the word as a prefix (names, keywords), its
 * English stem (descriptions) and its synonyms. Words only hold letters and
 * digits (search-terms.ts), synonyms come from code.
 */
function wordTsquery(word: string): Prisma.Sql {
  const parts = [Prisma.sql`to_tsquery('simple', ${`${word}:*`})`, Prisma.sql`to_tsquery('english', ${word})`];
  for (const synonym of synonymsOf(word)) {
    parts.push(Prisma.sql`phraseto_tsquery('simple', ${synonym})`, Prisma.sql`phraseto_tsquery('english', ${synonym})`);
  }
  return Prisma.sql`(${Prisma.join(parts, " || ")})`;
}

/** Shortest one-word query matched against names with the same letters in another order. */
const MIN_SWAP_TYPO_LENGTH = 4;
/** Text score of a name that is the query with letters swapped (as much as a matching name). */
const SWAP_TYPO_SCORE = 1;

/** What the text score gives for the words matching in each field (the search vector's weights A to D). */
export const FIELD_SCORES = { name: 1, keywords: 0.4, description: 0.3, categories: 0.4 } as const;

/**
 * Which fields match, not how often: a crate whose name matches is not
 * outranked by one that repeats the word in a long description. (It is also
 * several times cheaper than ts_rank_cd, which reads every position.)
 */
function fieldScore(tsq: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(CASE WHEN ts_filter(c.search_vector, '{a}') @@ ${tsq} THEN ${FIELD_SCORES.name}::float8 ELSE 0 END
    + CASE WHEN ts_filter(c.search_vector, '{b}') @@ ${tsq} THEN ${FIELD_SCORES.keywords}::float8 ELSE 0 END
    + CASE WHEN ts_filter(c.search_vector, '{c}') @@ ${tsq} THEN ${FIELD_SCORES.description}::float8 ELSE 0 END
    + CASE WHEN ts_filter(c.search_vector, '{d}') @@ ${tsq} THEN ${FIELD_SCORES.categories}::float8 ELSE 0 END)`;
}

/**
 * Every crate the query and filters select, with the columns ranking and
 * display need. "all-words" requires every word (or the name, exactly or by
 * trigram similarity); "any-word" takes crates matching some words and scales
 * their text score by the share of words matched, squared, as Meilisearch's
 * `words` rule drops words from the end of a query that finds too little.
 */
function matchesSql(terms: SearchTerms, filters: SearchFilters, mode: MatchMode = "all-words"): Prisma.Sql {
  const { name, words } = terms;
  const conditions: Prisma.Sql[] = [Prisma.sql`c.removed_at IS NULL`];
  let textColumns = Prisma.sql`false AS exact, NULL::float8 AS text_score`;
  if (words.length > 0) {
    const canonical = canonicalName(name);
    const groups = words.map(wordTsquery);
    const tsq = Prisma.sql`(${Prisma.join(groups, mode === "all-words" ? " && " : " || ")})`;
    // Scored on the words as typed (prefixes, or English stems), without synonyms.
    const rankTsq = Prisma.sql`(to_tsquery('simple', ${words.map((w) => `${w}:*`).join(mode === "all-words" ? " & " : " | ")})
      || to_tsquery('english', ${words.join(mode === "all-words" ? " & " : " | ")}))`;
    const coverage =
      mode === "all-words" || words.length === 1
        ? Prisma.sql`1`
        : Prisma.sql`((${Prisma.join(groups.map((g) => Prisma.sql`(c.search_vector @@ ${g})::int`), " + ")})::float8 / ${words.length})`;
    // A name's likeness to a one-word query says much; to a phrase, less.
    const nameWeight = words.length === 1 ? 1 : 0.5;
    // Only a one-token query can be a crate's exact name: "http client" is a phrase, not `http-client`.
    const exact = terms.singleToken ? Prisma.sql`replace(c.name_lower, '-', '_') = ${canonical}` : Prisma.sql`false`;
    // The same letters in another order: swapped-letter typos ("clpa" for clap), from 4 letters on.
    const sameLetters =
      terms.singleToken && name.length >= MIN_SWAP_TYPO_LENGTH
        ? Prisma.sql`c.name_letters = sorted_letters(${name})`
        : Prisma.sql`false`;
    conditions.push(Prisma.sql`(c.search_vector @@ ${tsq} OR c.name_lower % ${name} OR ${exact} OR ${sameLetters})`);
    textColumns = Prisma.sql`${exact} AS exact,
      ((${fieldScore(rankTsq)} * ${coverage} * ${coverage})
        + ${nameWeight} * similarity(c.name_lower, ${name})
        + CASE WHEN c.name_lower LIKE ${escapeLike(name)} || '%' THEN 0.3 ELSE 0 END
        + CASE WHEN ${sameLetters} THEN ${SWAP_TYPO_SCORE}::float8 ELSE 0 END)::float8 AS text_score`;
  }
  if (filters.category !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM crate_categories x JOIN categories g ON g.id = x.category_id
      WHERE x.crate_id = c.id AND g.slug = ${filters.category})`);
  }
  if (filters.keyword !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM crate_keywords x JOIN keywords k ON k.id = x.keyword_id
      WHERE x.crate_id = c.id AND k.keyword = ${filters.keyword})`);
  }
  if (filters.license !== undefined) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM versions dv WHERE dv.id = c.default_version_id AND dv.license = ${filters.license})`);
  }
  return Prisma.sql`
    SELECT c.id, c.name, c.description, c.max_version, c.default_version_id, c.downloads,
      c.recent_downloads, c.reverse_dependency_count, c.updated_at, c.created_at, c.all_yanked,
      crate_quality(c.downloads, c.recent_downloads, c.reverse_dependency_count, c.updated_at, c.all_yanked) AS quality,
      ${textColumns}
    FROM crates c
    WHERE ${Prisma.join(conditions, " AND ")}`;
}

function orderSql(sort: SearchSort, byText: boolean): Prisma.Sql {
  switch (sort) {
    case "relevance":
      return byText
        ? Prisma.sql`m.exact DESC, m.text_score * (1 + 2 * m.quality) DESC, m.downloads DESC, m.name`
        : // No text: most depended-on first, as the home page lists (indexed, so it stays fast).
          Prisma.sql`m.reverse_dependency_count DESC, m.downloads DESC, m.name`;
    case "downloads":
      return Prisma.sql`m.downloads DESC, m.name`;
    case "recent-downloads":
      return Prisma.sql`m.recent_downloads DESC, m.downloads DESC, m.name`;
    case "updated":
      return Prisma.sql`m.updated_at DESC NULLS LAST, m.name`;
    case "newest":
      return Prisma.sql`m.created_at DESC NULLS LAST, m.name`;
  }
}

async function facetCounts(db: PrismaClient, matches: Prisma.Sql): Promise<SearchFacets> {
  const rows = await db.$queryRaw<FacetRow[]>`
    WITH matches AS (${matches})
    (SELECT 'category' AS facet, g.slug AS value, g.name AS label, count(*) AS n
      FROM matches m JOIN crate_categories x ON x.crate_id = m.id JOIN categories g ON g.id = x.category_id
      GROUP BY g.slug, g.name ORDER BY n DESC, g.slug LIMIT ${FACET_LIMIT})
    UNION ALL
    (SELECT 'keyword', k.keyword, k.keyword, count(*) AS n
      FROM matches m JOIN crate_keywords x ON x.crate_id = m.id JOIN keywords k ON k.id = x.keyword_id
      GROUP BY k.keyword ORDER BY n DESC, k.keyword LIMIT ${FACET_LIMIT})
    UNION ALL
    (SELECT 'license', dv.license, dv.license, count(*) AS n
      FROM matches m JOIN versions dv ON dv.id = m.default_version_id WHERE dv.license IS NOT NULL
      GROUP BY dv.license ORDER BY n DESC, dv.license LIMIT ${FACET_LIMIT})`;
  const facets: SearchFacets = { category: [], keyword: [], license: [] };
  for (const row of rows) facets[row.facet].push({ value: row.value, label: row.label, count: Number(row.n) });
  return facets;
}

async function countMatches(db: PrismaClient, matches: Prisma.Sql): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`WITH matches AS (${matches}) SELECT count(*) AS n FROM matches`;
  return Number(row?.n ?? 0);
}

/**
 * For a query that finds nothing: each word that matches no crate on its own
 * is replaced by the closest keyword or crate name (trigram similarity), or
 * dropped when nothing is close; the result is offered only if it finds
 * something with the same filters.
 */
async function suggestQuery(db: PrismaClient, terms: SearchTerms, filters: SearchFilters): Promise<string | null> {
  if (terms.words.length === 0) return null;
  const corrected: string[] = [];
  for (const word of terms.words) {
    const [row] = await db.$queryRaw<{ known: boolean; closest: string | null }[]>`
      SELECT EXISTS (SELECT 1 FROM crates c WHERE c.search_vector @@ ${wordTsquery(word)} AND c.removed_at IS NULL) AS known,
        (SELECT w FROM (
          (SELECT keyword AS w FROM keywords WHERE keyword % ${word} ORDER BY similarity(keyword, ${word}) DESC LIMIT 3)
          UNION ALL
          (SELECT name_lower FROM crates WHERE name_lower % ${word} AND removed_at IS NULL
            ORDER BY similarity(name_lower, ${word}) DESC LIMIT 3)
        ) t ORDER BY similarity(w, ${word}) DESC, w LIMIT 1) AS closest`;
    const replacement = row?.known ? word : row?.closest;
    if (replacement) corrected.push(replacement);
  }
  const suggestion = corrected.join(" ");
  if (!suggestion || suggestion === terms.words.join(" ")) return null;
  const found = await countMatches(db, matchesSql(searchTerms(suggestion), filters));
  return found > 0 ? suggestion : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toHit(row: HitRow, now: Date): SearchHit {
  const facts = {
    downloads: Number(row.downloads),
    recentDownloads: Number(row.recent_downloads),
    reverseDependencies: row.reverse_dependency_count,
    updatedAt: row.updated_at,
    allYanked: row.all_yanked,
  };
  return {
    name: row.name,
    description: row.description,
    maxVersion: row.max_version,
    defaultVersion: row.default_version,
    downloads: facts.downloads,
    recentDownloads: facts.recentDownloads,
    reverseDependencies: facts.reverseDependencies,
    updatedAt: row.updated_at,
    exactMatch: row.exact,
    license: row.license,
    rank: rankBreakdown(facts, row.text_score, row.exact, now),
  };
}
