import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { ratingFactorSql } from "../rating-factor-sql";
import { RATING_CRITERIA, type RatingCriterion } from "../search-backend";

/**
 * The rating fields of a document, present only for the criteria the crate
 * has a rating on (crate_ratings): `rating_<criterion>` is the score (the
 * Bayesian average, filterable and sortable), `rating_<criterion>_count` the
 * number of reviews. Absent rather than null, so that an unrated crate's
 * document is what it was before ratings existed, and Meilisearch leaves
 * documents without the field out of `rating_x >= n` and sorts them last.
 */
export type SearchDocumentRatings = {
  [C in RatingCriterion as `rating_${C}`]?: number;
} & {
  [C in RatingCriterion as `rating_${C}_count`]?: number;
};

/** The document attribute holding a criterion's rating. */
export function ratingAttribute(criterion: RatingCriterion): `rating_${RatingCriterion}` {
  return `rating_${criterion}`;
}

/** One crate in the Meilisearch index. Field names are the index's (snake_case). */
export interface SearchDocument extends SearchDocumentRatings {
  /** The crate's id in PostgreSQL (the index's primary key). */
  id: number;
  name: string;
  /** Lower case, `-` as `_`: what exact-name matching compares (see canonicalName). */
  name_canonical: string;
  description: string | null;
  keywords: string[];
  /** Category display names, in the order of `category_slugs`. */
  categories: string[];
  category_slugs: string[];
  /** License of the default version. */
  license: string | null;
  downloads: number;
  recent_downloads: number;
  reverse_dependencies: number;
  /** Unix seconds. */
  updated_at: number | null;
  created_at: number | null;
  all_yanked: boolean;
  /** crate_quality() times the rating factor (rankedQuality in rank-score.ts), rounded to QUALITY_DECIMALS. */
  quality: number;
  default_version: string | null;
  max_version: string | null;
  /**
   * The curated views (views.id, ascending) whose verdict hides the crate
   * (crate_verdicts.action = 'hide'): a search in a view filters on it
   * (`NOT hidden_in_views = <id>`). Empty for most crates.
   */
  hidden_in_views: number[];
  /**
   * The views whose verdict demotes the crate. Filterable, for counts and
   * checks; the ranking rules cannot apply a per-view factor, so demoted
   * crates keep their place in Meilisearch's order (see meilisearch-search-backend.ts).
   */
  demoted_in_views: number[];
}

/**
 * Quality is rounded because its freshness part decays every second: unrounded,
 * every document would differ on every push. At three decimals a crate's
 * document changes for freshness alone about once a week (the daily dump
 * changes most crates' recent downloads anyway), and a difference below 0.001
 * is a tie that downloads then breaks (see the ranking rules).
 */
export const QUALITY_DECIMALS = 3;

/** A document with the md5 of its JSON as PostgreSQL wrote it (what search_documents stores). */
export interface SearchDocumentRow {
  id: number;
  nameLower: string;
  hash: string;
  document: SearchDocument;
}

export interface LoadSearchDocumentsOptions {
  /** Only these crates (by name, any case). */
  names?: string[];
  /** Keyset paging: only crates with a greater id. */
  afterId?: number;
  limit: number;
  /** Only crates whose document hashes differently from the one search_documents has (or that it lacks). */
  changedOnly?: boolean;
}

/** Documents of crates in the registry (removed crates never), in id order, one query per call. */
export async function loadSearchDocuments(db: PrismaClient | Prisma.TransactionClient, options: LoadSearchDocumentsOptions): Promise<SearchDocument[]> {
  return (await loadSearchDocumentRows(db, options)).map((row) => row.document);
}

interface RawRow {
  id: number;
  name_lower: string;
  doc: string;
  hash: string;
}

export async function loadSearchDocumentRows(
  db: PrismaClient | Prisma.TransactionClient,
  options: LoadSearchDocumentsOptions,
): Promise<SearchDocumentRow[]> {
  const conditions = [Prisma.sql`c.removed_at IS NULL`, Prisma.sql`c.id > ${options.afterId ?? 0}`];
  if (options.names) conditions.push(Prisma.sql`c.name_lower = ANY(${options.names.map((n) => n.toLowerCase())}::text[])`);
  if (options.changedOnly) {
    conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM search_documents s WHERE s.crate_id = c.id AND s.doc_hash = md5(d.doc::text))`);
  }
  // The document is built in SQL so that its hash is taken in the same place,
  // over the exact text that is parsed and sent. Arrays are sorted, and jsonb
  // orders keys itself, so the text (and hash) changes only when the data
  // does: a new rating or a view's new verdict on the crate changes its
  // document, and the next push sends it. The verdicts are read by name
  // (crate_verdicts_name_lower_idx): a crate has a row per view that touches it.
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT c.id, c.name_lower, d.doc::text AS doc, md5(d.doc::text) AS hash
    FROM crates c
    LEFT JOIN versions dv ON dv.id = c.default_version_id
    LEFT JOIN crate_ratings ro ON ro.crate_name = c.name_lower AND ro.criterion = 'overall'
    CROSS JOIN LATERAL (SELECT jsonb_build_object(
      'id', c.id,
      'name', c.name,
      'name_canonical', replace(c.name_lower, '-', '_'),
      'description', c.description,
      'keywords', coalesce((SELECT jsonb_agg(k.keyword ORDER BY k.keyword)
        FROM crate_keywords ck JOIN keywords k ON k.id = ck.keyword_id WHERE ck.crate_id = c.id), '[]'::jsonb),
      'categories', coalesce((SELECT jsonb_agg(g.name ORDER BY g.slug)
        FROM crate_categories cc JOIN categories g ON g.id = cc.category_id WHERE cc.crate_id = c.id), '[]'::jsonb),
      'category_slugs', coalesce((SELECT jsonb_agg(g.slug ORDER BY g.slug)
        FROM crate_categories cc JOIN categories g ON g.id = cc.category_id WHERE cc.crate_id = c.id), '[]'::jsonb),
      'license', dv.license,
      'downloads', c.downloads,
      'recent_downloads', c.recent_downloads,
      'reverse_dependencies', c.reverse_dependency_count,
      'updated_at', floor(extract(epoch FROM c.updated_at))::bigint,
      'created_at', floor(extract(epoch FROM c.created_at))::bigint,
      'all_yanked', c.all_yanked,
      'quality', round((crate_quality(c.downloads, c.recent_downloads, c.reverse_dependency_count, c.updated_at, c.all_yanked)
        * ${ratingFactorSql(Prisma.sql`ro.score`, Prisma.sql`ro.count`)})::numeric, ${QUALITY_DECIMALS}::int)::float8,
      'default_version', dv.num,
      'max_version', c.max_version,
      'hidden_in_views', coalesce((SELECT jsonb_agg(v.view_id ORDER BY v.view_id)
        FROM crate_verdicts v WHERE v.name_lower = c.name_lower AND v.action = 'hide'), '[]'::jsonb),
      'demoted_in_views', coalesce((SELECT jsonb_agg(v.view_id ORDER BY v.view_id)
        FROM crate_verdicts v WHERE v.name_lower = c.name_lower AND v.action = 'demote'), '[]'::jsonb)
    ) || coalesce((SELECT jsonb_object_agg(f.key, f.value)
      FROM crate_ratings r
      CROSS JOIN LATERAL (VALUES ('rating_' || r.criterion, to_jsonb(r.score)), ('rating_' || r.criterion || '_count', to_jsonb(r.count))) f(key, value)
      WHERE r.crate_name = c.name_lower AND r.criterion = ANY(${[...RATING_CRITERIA]}::text[])), '{}'::jsonb) AS doc) d
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY c.id
    LIMIT ${options.limit}`;
  return rows.map((row) => ({ id: row.id, nameLower: row.name_lower, hash: row.hash, document: JSON.parse(row.doc) as SearchDocument }));
}
