import type { ViewScope } from "../curation/current-view";
import { toCrateCuration, type CurationColumns } from "../curation/crate-curation";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { DEMOTED_FACTOR, QUALITY_EXPONENT, rankBreakdown } from "./rank-score";
import { ratingFactorSql } from "./rating-factor-sql";
import type { RatingCriterion, SearchBackend, SearchFacets, SearchFilters, SearchHit, SearchRequest, SearchResponse, SearchSort } from "./search-backend";
import { FACET_LIMIT, minRatingEntries, RATING_CRITERIA, ratingSortCriterion } from "./search-backend";
import { canonicalName, searchTerms, type SearchTerms } from "./search-terms";
import { synonymsOf } from "./synonyms";

// Search on PostgreSQL alone: weighted full-text (name A, keywords B,
// description C with English stems, categories D), prefix matching, pg_trgm
// similarity of the name for typos, and the exact name pinned first as
// crates.io does. Text relevance is multiplied by the quality score
// (crate_quality(), see rank-score.ts) and the rating factor. Removed crates
// never match.
//
// Ratings (crate_ratings, a few rows per reviewed crate, small beside crates)
// are joined only where a request needs them: the overall rating for the
// rating factor when matches are ranked by text, a criterion's rating when
// sorting by it, a semi-join per rating filter (crate_ratings_criterion_score_idx
// finds the crates above a score, crates_name_lower_key joins them), and each
// page row's ratings for display (primary key lookups, at most per_page).
//
// A curated view (request.view) joins crate_verdicts by primary key: hidden
// crates drop out of the matches (and are counted on their own, from the
// view's hidden rows), demoted ones carry DEMOTED_FACTOR into the text
// ranking, and the page's rows carry the verdict for display.

interface HitRow extends CurationColumns {
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
  /** What orders the row in relevance order: its relevance, or (a family root) the part's it ranks with, `ranked_with`; see matchQueries. */
  group_score: number | null;
  ranked_with: string | null;
  total: bigint;
  rating_criteria: string[] | null;
  rating_scores: number[] | null;
  rating_counts: number[] | null;
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
  const typed = searchTerms(request.q);
  const byText = typed.words.length > 0;
  const terms: MatchTerms = byText ? { ...typed, similarNames: await wantsSimilarNames(db, typed) } : typed;
  let response = await searchWith(db, request, byText, matchQueries(terms, request, "all-words", byText));
  if (response.total < RELAX_BELOW && terms.words.length > 1) {
    response = await searchWith(db, request, byText, matchQueries(terms, request, "any-word", byText));
  }
  if (response.total === 0) response.didYouMean = await suggestQuery(db, terms, request.filters, request.view ?? null);
  return response;
}

interface MatchQueries {
  /** Every match's id and default license, unscored: what counts and facets read. */
  plain: Prisma.Sql;
  /**
   * The page's match rows in order (LIMIT and OFFSET applied), with `total`
   * when `countInPass` and `hidden_total` when `hiddenInPass`. Rows marked
   * `hidden` that the view leaves out are not part of the page (see matchQueries).
   */
  page: Prisma.Sql;
  countInPass: boolean;
  /** The page's rows also count the view's hidden matches (`hidden_total`). */
  hiddenInPass: boolean;
  /** The matches the view hides (null without a view), counted on their own unless `hiddenInPass`. */
  hidden: Prisma.Sql | null;
}

/** The family columns of relevance order (see matchQueries), for the other orders. */
const NO_FAMILY_COLUMNS = Prisma.sql`NULL::float8 AS group_score, NULL::text AS ranked_with, false AS is_member, false AS inherits`;

function matchQueries(terms: MatchTerms, request: SearchRequest, mode: MatchMode, byText: boolean): MatchQueries {
  const { filters, sort, perPage } = request;
  const view = request.view ?? null;
  const offset = (request.page - 1) * perPage;
  const order = orderSql(sort, byText);
  const plain = matchesSql(terms, filters, mode, NO_RATING_JOINS, { view }, "ids");
  const hidden = view ? matchesSql(terms, filters, mode, NO_RATING_JOINS, { view, hiddenOnly: true }, "ids") : null;
  const sortBy = ratingSortCriterion(sort);
  if (sortBy !== null && !byText) {
    // A rating sort without text: the rated crates (few, found from
    // crate_ratings) in rating order, then the others in the order of the
    // reverse-dependency index, each half cut to the page's end before they
    // are merged. One sort over a join of every crate would read them all.
    // The count runs as its own query.
    const rated = matchesSql(terms, filters, mode, { overall: false, sortBy, only: { criterion: sortBy, rated: true } }, { view });
    const unrated = matchesSql(terms, filters, mode, { overall: false, sortBy: null, only: { criterion: sortBy, rated: false } }, { view });
    const end = offset + perPage;
    return {
      plain,
      page: Prisma.sql`SELECT m.*, ${NO_FAMILY_COLUMNS}, NULL::bigint AS total, NULL::bigint AS hidden_total FROM (
          (SELECT m.* FROM (${rated}) m ORDER BY ${order} LIMIT ${end})
          UNION ALL
          (SELECT m.* FROM (${unrated}) m ORDER BY ${order} LIMIT ${end})
        ) m ORDER BY ${order} LIMIT ${perPage} OFFSET ${offset}`,
      countInPass: false,
      hiddenInPass: false,
      hidden,
    };
  }
  // Ranking by text scores every match anyway, so that one pass also counts
  // them (a second query would read every match again); so does a rating
  // sort of a text query. A sort by a column can read the page from that
  // column's index and stop, so the count runs as its own query beside it.
  const countInPass = byText && (sort === "relevance" || sortBy !== null);
  // The same pass counts the view's hidden matches too: it keeps them, sorted
  // after every visible match so that they only reach a page past the last
  // visible one, where searchWith drops them.
  const hiddenInPass = countInPass && view !== null;
  const ranked = matchesSql(
    terms,
    filters,
    mode,
    {
      // The rating factor is part of the text ranking: relevance order, and the tiebreak of a rating sort.
      overall: countInPass,
      sortBy,
    },
    { view, keepHidden: hiddenInPass },
  );
  // Hidden matches the view does not show: out of the total, and after every visible match.
  const dropsHidden = hiddenInPass && !view.showHidden;
  const listed = dropsHidden ? Prisma.sql`NOT m.hidden` : Prisma.sql`true`;
  const counts = hiddenInPass
    ? Prisma.sql`count(*) FILTER (WHERE ${listed}) OVER () AS total, count(*) FILTER (WHERE m.hidden) OVER () AS hidden_total`
    : Prisma.sql`${countInPass ? Prisma.sql`count(*) OVER ()` : Prisma.sql`NULL::bigint`} AS total, NULL::bigint AS hidden_total`;
  // Families (crates.family_root_id): in relevance order a family's root
  // ranks at least as high as its best visible matching part (times the
  // root's own view factor), just before it; the parts keep their places.
  // One window over the matches, each family a partition (a crate in no
  // family is one of its own). OFFSET 0 keeps PostgreSQL from computing each
  // row's relevance again in every expression that reads it.
  const grouped =
    byText && sort === "relevance"
      ? Prisma.sql`SELECT m.*,
          CASE WHEN m.inherits THEN m.family_best * m.view_factor ELSE m.relevance END AS group_score,
          CASE WHEN m.inherits THEN m.family_lead END AS ranked_with,
          coalesce(m.family_root_id <> m.id, false) AS is_member
        FROM (SELECT m.*, coalesce(m.family_root_id = m.id AND m.family_best * m.view_factor > m.relevance, false) AS inherits
          FROM (SELECT m.*, first_value(m.relevance) OVER family AS family_best, first_value(m.name) OVER family AS family_lead
            FROM (SELECT m.*, ${RELEVANCE_SQL} AS relevance FROM (${ranked}) m OFFSET 0) m
            WINDOW family AS (PARTITION BY coalesce(m.family_root_id, m.id) ORDER BY m.hidden, m.relevance DESC, m.name)) m) m`
      : Prisma.sql`SELECT m.*, ${NO_FAMILY_COLUMNS} FROM (${ranked}) m`;
  return {
    plain,
    page: Prisma.sql`SELECT m.*, ${counts}
      FROM (${grouped}) m ORDER BY ${dropsHidden ? Prisma.sql`m.hidden, ` : Prisma.empty}${order}
      LIMIT ${perPage} OFFSET ${offset}`,
    countInPass,
    hiddenInPass,
    hidden,
  };
}

/** `byText`: the query has words, so matches carry text scores. */
async function searchWith(db: PrismaClient, request: SearchRequest, byText: boolean, queries: MatchQueries): Promise<SearchResponse> {
  const offset = (request.page - 1) * request.perPage;
  const order = orderSql(request.sort, byText);
  const { plain, page, countInPass, hiddenInPass, hidden } = queries;
  const view = request.view ?? null;
  // Only the page's rows are joined to their default version, their ratings and their verdict.
  const [rows, counted, facets, hiddenCount] = await Promise.all([
    db.$queryRaw<(HitRow & { total: bigint | null; hidden_total: bigint | null; hidden: boolean })[]>`
      SELECT m.name, m.description, m.max_version, dv.num AS default_version, dv.license, m.downloads, m.recent_downloads,
        m.reverse_dependency_count, m.updated_at, m.all_yanked, m.exact, m.text_score, m.group_score, m.ranked_with,
        m.total, m.hidden_total, m.hidden,
        rt.criteria AS rating_criteria, rt.scores AS rating_scores, rt.counts AS rating_counts,
        cv.action AS verdict_action, cv.labels AS verdict_labels, cv.replace_with AS verdict_replace_with, cv.sources AS verdict_sources
      FROM (${page}) m
      LEFT JOIN versions dv ON dv.id = m.default_version_id
      LEFT JOIN LATERAL (SELECT array_agg(r.criterion) AS criteria, array_agg(r.score) AS scores, array_agg(r.count) AS counts
        FROM crate_ratings r WHERE r.crate_name = m.name_lower) rt ON true
      LEFT JOIN crate_verdicts cv ON cv.view_id = ${view?.viewId ?? null}::int AND cv.name_lower = m.name_lower
      ORDER BY ${order}`,
    countInPass ? Promise.resolve(null) : countMatches(db, plain),
    request.facets ? facetCounts(db, plain) : Promise.resolve(null),
    hidden && !hiddenInPass ? countMatches(db, hidden) : Promise.resolve(null),
  ]);
  // Past the last page no row carries the counts: count them on their own.
  const total = counted ?? (rows[0] ? Number(rows[0].total) : offset > 0 ? await countMatches(db, plain) : 0);
  const hiddenTotal = !hiddenInPass ? hiddenCount : rows[0] ? Number(rows[0].hidden_total) : hidden ? await countMatches(db, hidden) : 0;
  const listed = view?.showHidden ? rows : rows.filter((row) => !row.hidden);
  const now = new Date();
  return {
    total,
    page: request.page,
    perPage: request.perPage,
    results: listed.map((row) => toHit(row, now)),
    facets,
    didYouMean: null,
    backend: "postgres",
    degraded: false,
    hidden: view ? (hiddenTotal ?? 0) : null,
  };
}

/** Below this many strict matches, a query of several words also takes crates matching only some of them. */
const RELAX_BELOW = 5;

/** From this many crates matching the words, a query is taken as meant, not as a typo (see wantsSimilarNames). */
const SIMILAR_NAMES_BELOW = 20;

/** The query's terms, and whether names merely similar to it (pg_trgm, `%`) match too (default: yes). */
type MatchTerms = SearchTerms & { similarNames?: boolean };

/**
 * Whether crates whose name is only similar to the query (a typo's target)
 * should match. Not when a crate has the query as its exact name, nor when
 * the words alone match many crates: the query is then what the visitor
 * meant. Finding similar names is the costly part of a cheap query: a short
 * word shares trigrams with thousands of names (5,216 for "tokio" among
 * 250,000 crates), each read and compared. Matched crates still rank by
 * their name's likeness to the query.
 */
async function wantsSimilarNames(db: PrismaClient, terms: SearchTerms): Promise<boolean> {
  const [row] = await db.$queryRaw<{ exact: boolean; n: bigint }[]>`
    SELECT EXISTS (SELECT 1 FROM crates c WHERE ${exactNameSql(terms)} AND c.removed_at IS NULL) AS exact,
      (SELECT count(*) FROM (SELECT 1 FROM crates c
        WHERE c.search_vector @@ ${wordsTsquery(terms.words, "all-words")} AND c.removed_at IS NULL
        LIMIT ${SIMILAR_NAMES_BELOW}) t) AS n`;
  return !row?.exact && Number(row?.n ?? 0) < SIMILAR_NAMES_BELOW;
}

type MatchMode = "all-words" | "any-word";

/** Which ratings the match set carries (see the comment at the top). */
interface RatingJoins {
  /** The overall rating, for the rating factor (`rating_factor`, else 1). */
  overall: boolean;
  /** The criterion a rating sort orders by (`sort_rating`, else NULL). */
  sortBy: RatingCriterion | null;
  /** Only the crates with a rating on this criterion (`rated`), or only those without. */
  only?: { criterion: RatingCriterion; rated: boolean };
}

const NO_RATING_JOINS: RatingJoins = { overall: false, sortBy: null };

/** How the match set applies a curated view (see the comment at the top). */
interface ViewJoin {
  view: ViewScope | null;
  /** Only the crates the view hides (to count them), instead of leaving them out. */
  hiddenOnly?: boolean;
  /** Keep the crates the view hides even when it does not show them (`hidden` marks them), to count them in the same pass. */
  keepHidden?: boolean;
}

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
  return once(Prisma.join(parts, " || "));
}

/** Every word (`all-words`) or any of them, each as wordTsquery makes it. */
function wordsTsquery(words: string[], mode: MatchMode): Prisma.Sql {
  return once(Prisma.join(words.map(wordTsquery), mode === "all-words" ? " && " : " || "));
}

/** The crate `c` has the query as its name (case and -/_ aside); only a one-token query can: "http client" is a phrase, not `http-client`. */
function exactNameSql(terms: SearchTerms): Prisma.Sql {
  return terms.singleToken ? Prisma.sql`replace(c.name_lower, '-', '_') = ${canonicalName(terms.name)}` : Prisma.sql`false`;
}

/**
 * An expression of constants and parameters evaluated once per query, not
 * once per row: an uncorrelated scalar subquery is an InitPlan. to_tsquery
 * and similar functions are only STABLE, so written inline PostgreSQL would
 * parse the query text again for every crate it scores (ten times the cost of
 * the scoring itself on a broad word).
 */
function once(expression: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT ${expression})`;
}

/** Shortest one-word query matched against names with the same letters in another order. */
const MIN_SWAP_TYPO_LENGTH = 4;
/** Text score of a name that is the query with letters swapped (as much as a matching name). */
const SWAP_TYPO_SCORE = 1;

/** What the text score gives for the words matching in each field (the search vector's weights A to D). */
export const FIELD_SCORES = { name: 1, keywords: 0.4, description: 0.3, categories: 0.4 } as const;

/** The search vector's weight of each field (SEARCH_VECTOR_SQL in lib/ingest). */
const FIELD_WEIGHTS = { name: "A", keywords: "B", description: "C", categories: "D" } as const;

/**
 * Which fields match, not how often: a crate whose name matches is not
 * outranked by one that repeats the word in a long description. (It is also
 * several times cheaper than ts_rank_cd, which reads every position.)
 *
 * The words as typed (prefixes, or English stems; no synonyms), all of them
 * (`&`) or any (`|`), restricted to one field's weight by tsquery's own
 * `word:*A` syntax, which matches like ts_filter(vector, '{a}') @@ query
 * without copying the vector for every field of every match (a third of
 * the cost of a broad query at full scale).
 */
function fieldScore(words: string[], join: " & " | " | "): Prisma.Sql {
  const parts = (Object.keys(FIELD_SCORES) as (keyof typeof FIELD_SCORES)[]).map((field) => {
    const weight = FIELD_WEIGHTS[field];
    const tsq = once(Prisma.sql`to_tsquery('simple', ${words.map((w) => `${w}:*${weight}`).join(join)})
      || to_tsquery('english', ${words.map((w) => `${w}:${weight}`).join(join)})`);
    return Prisma.sql`CASE WHEN c.search_vector @@ ${tsq} THEN ${FIELD_SCORES[field]}::float8 ELSE 0 END`;
  });
  return Prisma.sql`(${Prisma.join(parts, " + ")})`;
}

/**
 * Every crate the query and filters select, with the columns ranking and
 * display need. "all-words" requires every word (or the name, exactly or by
 * trigram similarity); "any-word" takes crates matching some words and scales
 * their text score by the share of words matched, squared, as Meilisearch's
 * `words` rule drops words from the end of a query that finds too little.
 */
function matchesSql(
  terms: MatchTerms,
  filters: SearchFilters,
  mode: MatchMode = "all-words",
  ratings: RatingJoins = NO_RATING_JOINS,
  curation: ViewJoin = { view: null },
  /** "ids": only `id` and `default_license`, for counts and facets, which would otherwise score every match for nothing. */
  select: "ranked" | "ids" = "ranked",
): Prisma.Sql {
  const { name, words } = terms;
  const conditions: Prisma.Sql[] = [Prisma.sql`c.removed_at IS NULL`];
  let textColumns = Prisma.sql`false AS exact, NULL::float8 AS text_score`;
  if (words.length > 0) {
    const groups = words.map(wordTsquery);
    const tsq = wordsTsquery(words, mode);
    const coverage =
      mode === "all-words" || words.length === 1
        ? Prisma.sql`1`
        : Prisma.sql`((${Prisma.join(groups.map((g) => Prisma.sql`(c.search_vector @@ ${g})::int`), " + ")})::float8 / ${words.length})`;
    // A name's likeness to a one-word query says much; to a phrase, less.
    const nameWeight = words.length === 1 ? 1 : 0.5;
    const exact = exactNameSql(terms);
    // The same letters in another order: swapped-letter typos ("clpa" for clap), from 4 letters on.
    const sameLetters =
      terms.singleToken && name.length >= MIN_SWAP_TYPO_LENGTH
        ? Prisma.sql`c.name_letters = ${once(Prisma.sql`sorted_letters(${name})`)}`
        : Prisma.sql`false`;
    const similar = terms.similarNames === false ? Prisma.sql`false` : Prisma.sql`c.name_lower % ${name}`;
    conditions.push(Prisma.sql`(c.search_vector @@ ${tsq} OR ${similar} OR ${exact} OR ${sameLetters})`);
    textColumns = Prisma.sql`${exact} AS exact,
      ((${fieldScore(words, mode === "all-words" ? " & " : " | ")} * ${coverage} * ${coverage})
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
    conditions.push(Prisma.sql`c.default_license = ${filters.license}`);
  }
  for (const [criterion, min] of minRatingEntries(filters)) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM crate_ratings x
      WHERE x.crate_name = c.name_lower AND x.criterion = ${criterion} AND x.score >= ${min}::float8)`);
  }
  if (ratings.only) {
    const rated = Prisma.sql`EXISTS (SELECT 1 FROM crate_ratings x WHERE x.crate_name = c.name_lower AND x.criterion = ${ratings.only.criterion})`;
    conditions.push(ratings.only.rated ? rated : Prisma.sql`NOT ${rated}`);
  }
  const joins: Prisma.Sql[] = [];
  if (ratings.overall) joins.push(Prisma.sql`LEFT JOIN crate_ratings ro ON ro.crate_name = c.name_lower AND ro.criterion = 'overall'`);
  if (ratings.sortBy !== null && !(ratings.sortBy === "overall" && ratings.overall)) {
    joins.push(Prisma.sql`LEFT JOIN crate_ratings rs ON rs.crate_name = c.name_lower AND rs.criterion = ${ratings.sortBy}`);
  }
  const { view, hiddenOnly, keepHidden } = curation;
  if (view && hiddenOnly) {
    joins.push(Prisma.sql`JOIN crate_verdicts cv ON cv.view_id = ${view.viewId}::int AND cv.name_lower = c.name_lower AND cv.action = 'hide'`);
  } else if (view) {
    joins.push(Prisma.sql`LEFT JOIN crate_verdicts cv ON cv.view_id = ${view.viewId}::int AND cv.name_lower = c.name_lower`);
    if (!view.showHidden && !keepHidden) conditions.push(Prisma.sql`cv.action IS DISTINCT FROM 'hide'`);
  }
  const viewFactor =
    view && !hiddenOnly ? Prisma.sql`CASE WHEN cv.action = 'demote' THEN ${DEMOTED_FACTOR}::float8 ELSE 1::float8 END` : Prisma.sql`1::float8`;
  const sortRating =
    ratings.sortBy === null ? Prisma.sql`NULL::float8` : ratings.sortBy === "overall" && ratings.overall ? Prisma.sql`ro.score` : Prisma.sql`rs.score`;
  const where = Prisma.sql`FROM crates c ${joins.length > 0 ? Prisma.join(joins, " ") : Prisma.empty}
    WHERE ${Prisma.join(conditions, " AND ")}`;
  if (select === "ids") return Prisma.sql`SELECT c.id, c.default_license ${where}`;
  return Prisma.sql`
    SELECT c.id, c.family_root_id, c.name, c.name_lower, c.description, c.max_version, c.default_version_id, c.downloads,
      c.recent_downloads, c.reverse_dependency_count, c.updated_at, c.created_at, c.all_yanked,
      crate_quality(c.downloads, c.recent_downloads, c.reverse_dependency_count, c.updated_at, c.all_yanked) AS quality,
      ${ratings.overall ? ratingFactorSql(Prisma.sql`ro.score`, Prisma.sql`ro.count`) : Prisma.sql`1::float8`} AS rating_factor,
      ${sortRating} AS sort_rating,
      ${viewFactor} AS view_factor,
      ${view ? Prisma.sql`cv.action IS NOT DISTINCT FROM 'hide'` : Prisma.sql`false`} AS hidden,
      ${textColumns}
    ${where}`;
}

/** Text relevance of a match row `m` (rank-score.ts's relevanceScore). */
const RELEVANCE_SQL = Prisma.sql`m.text_score * power(m.quality * m.rating_factor, ${QUALITY_EXPONENT}::float8) * m.view_factor`;

function orderSql(sort: SearchSort, byText: boolean): Prisma.Sql {
  // Text relevance (rank-score.ts's relevanceScore), or without text the most depended-on first, as the home page lists.
  const relevance = byText
    ? Prisma.sql`${RELEVANCE_SQL} DESC, m.downloads DESC, m.name`
    : Prisma.sql`m.reverse_dependency_count DESC, m.downloads DESC, m.name`;
  if (ratingSortCriterion(sort) !== null) {
    // Best rated first; unrated crates after every rated one, each group in relevance order (the exact name is not pinned).
    return Prisma.sql`m.sort_rating DESC NULLS LAST, ${relevance}`;
  }
  switch (sort) {
    case "relevance":
      // No text: indexed (reverse_dependency_count), so it stays fast.
      return byText ? Prisma.sql`m.exact DESC, m.group_score DESC, m.is_member, ${relevance}` : relevance;
    case "downloads":
      return Prisma.sql`m.downloads DESC, m.name`;
    case "recent-downloads":
      return Prisma.sql`m.recent_downloads DESC, m.downloads DESC, m.name`;
    case "updated":
      return Prisma.sql`m.updated_at DESC NULLS LAST, m.name`;
    case "newest":
      return Prisma.sql`m.created_at DESC NULLS LAST, m.name`;
    default:
      throw new Error(`unknown sort ${sort}`);
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
    (SELECT 'license', m.default_license, m.default_license, count(*) AS n
      FROM matches m WHERE m.default_license IS NOT NULL
      GROUP BY m.default_license ORDER BY n DESC, m.default_license LIMIT ${FACET_LIMIT})`;
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
async function suggestQuery(db: PrismaClient, terms: SearchTerms, filters: SearchFilters, view: ViewScope | null): Promise<string | null> {
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
  const found = await countMatches(db, matchesSql(searchTerms(suggestion), filters, "all-words", NO_RATING_JOINS, { view }, "ids"));
  return found > 0 ? suggestion : null;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toHit(row: HitRow, now: Date): SearchHit {
  const ratings: SearchHit["ratings"] = {};
  (row.rating_criteria ?? []).forEach((criterion, i) => {
    if ((RATING_CRITERIA as readonly string[]).includes(criterion)) {
      ratings[criterion as RatingCriterion] = { score: row.rating_scores![i]!, count: row.rating_counts![i]! };
    }
  });
  const facts = {
    downloads: Number(row.downloads),
    recentDownloads: Number(row.recent_downloads),
    reverseDependencies: row.reverse_dependency_count,
    updatedAt: row.updated_at,
    allYanked: row.all_yanked,
    overallRating: ratings.overall ?? null,
  };
  const curation = toCrateCuration(row);
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
    ratings,
    rank: rankBreakdown(
      {
        ...facts,
        demotedBy: curation?.action === "demote" ? curation.decidedBy : null,
        rankedWith: row.ranked_with !== null && row.group_score !== null ? { crate: row.ranked_with, relevance: row.group_score } : null,
      },
      row.text_score,
      row.exact,
      now,
    ),
    curation,
  };
}
