import type pg from "pg";
import { bulkLoadIfEmpty, loadIntoEmptyTables } from "./bulk-load";
import { timedQuery, type Query } from "./timed-query";

// Crates marked removed keep their rows as they were: full-snapshot deletes skip them.
const REMOVED_CRATES = `SELECT id FROM crates WHERE removed_at IS NOT NULL`;
const REMOVED_VERSIONS = `SELECT v.id FROM versions v JOIN crates c ON c.id = v.crate_id WHERE c.removed_at IS NOT NULL`;

// Turns the staged rows of one run into the served tables, inside the run's
// transaction. Only the columns owned by the given sources are written, so an
// index-only run keeps the dump's metadata and vice versa.
//
// Which crates and versions exist is decided by the index when the run reads
// it, else by the dump — unless the database already follows an index (it has
// index_files rows): then a dump-only run brings metadata only, because crates
// and versions published after the dump was taken are known to the index and
// must not vanish until the next sync. A crate missing from the deciding
// source is marked removed (removed_at), never deleted, and keeps what it had.
export async function mergeStaged(
  client: pg.ClientBase,
  sources: { index: boolean; dump: boolean },
  log: (message: string) => void = () => {},
  /** Told what each statement does while it runs (timedQuery), for progress. */
  onStatement?: (what: string | null) => void,
): Promise<void> {
  const q = timedQuery(client, log, onStatement);
  const followsIndex = !sources.index && (await q(`SELECT 1 FROM index_files LIMIT 1`)).rowCount! > 0;
  // A first load builds the served tables' indexes and checks their foreign keys once, after every row is in.
  await loadIntoEmptyTables(q, LOADED_TABLES, () => mergeInto(q, sources, !followsIndex));
}

/** The served tables a run fills from the index and the dump. */
const LOADED_TABLES = ["crates", "versions", "dependencies", "version_downloads", "crate_categories", "crate_keywords", "crate_owners"];

async function mergeInto(q: Query, sources: { index: boolean; dump: boolean }, ownsExistence: boolean): Promise<void> {
  if (ownsExistence) {
    const crateSources = [
      sources.index ? `SELECT name_lower, name, 1 AS pri FROM st_index_version` : null,
      sources.dump ? `SELECT lower(name), name, 2 AS pri FROM st_crate` : null,
    ].filter(Boolean);
    await q(`CREATE TEMP TABLE st_source_crate ON COMMIT DROP AS
      SELECT name_lower, (array_agg(name ORDER BY pri))[1] AS name
      FROM (${crateSources.join(" UNION ALL ")}) s (name_lower, name, pri) GROUP BY name_lower`);
    await q(`UPDATE crates c SET removed_at = now()
      WHERE removed_at IS NULL AND NOT EXISTS (SELECT 1 FROM st_source_crate s WHERE s.name_lower = c.name_lower)`);
    await q(`INSERT INTO crates (name, name_lower) SELECT name, name_lower FROM st_source_crate
      ON CONFLICT (name_lower) DO UPDATE SET name = EXCLUDED.name, removed_at = NULL
      WHERE crates.name IS DISTINCT FROM EXCLUDED.name OR crates.removed_at IS NOT NULL`);
  }
  if (sources.index) {
    // A full read of the index replaces what syncs remember of its files.
    await q(`DELETE FROM index_files`);
    await q(`INSERT INTO index_files (name_lower, path, size, mtime_ms, sha256, etag, last_modified)
      SELECT name_lower, path, size, mtime_ms, sha256, etag, last_modified FROM st_index_file`);
  }

  if (sources.dump) {
    await q(`CREATE TEMP TABLE st_crate_map ON COMMIT DROP AS
      SELECT s.dump_id, c.id, c.name FROM st_crate s JOIN crates c ON c.name_lower = lower(s.name)`);
    await q(`ANALYZE st_crate_map`);
    await q(`UPDATE crates c SET description = NULLIF(s.description, ''), homepage = s.homepage,
        documentation = s.documentation, repository = s.repository, readme = s.readme,
        created_at = s.created_at, updated_at = s.updated_at,
        downloads = COALESCE(d.downloads, s.downloads, 0)
      FROM st_crate s JOIN st_crate_map m ON m.dump_id = s.dump_id
      LEFT JOIN st_crate_download d ON d.crate_dump_id = s.dump_id
      WHERE c.id = m.id AND (c.description, c.homepage, c.documentation, c.repository, c.readme, c.created_at, c.updated_at, c.downloads)
        IS DISTINCT FROM (NULLIF(s.description, ''), s.homepage, s.documentation, s.repository, s.readme, s.created_at,
          s.updated_at, COALESCE(d.downloads, s.downloads, 0))`);
    await mergeOwnersAndUsers(q);
  }

  if (ownsExistence) await mergeVersions(q, sources);
  else await updateVersionsFromDump(q);
  if (sources.dump) {
    // Dump version id → our version id, once, for the dependency and download rows that point at versions.
    await q(`CREATE TEMP TABLE st_version_map ON COMMIT DROP AS
      SELECT dv.dump_id, v.id FROM st_dump_version dv JOIN st_crate_map m ON m.dump_id = dv.crate_dump_id
      JOIN versions v ON v.crate_id = m.id AND v.num = dv.num`);
    await q(`ANALYZE st_version_map`);
  }
  if (ownsExistence) await mergeDependencies(q, sources);
  if (sources.dump) {
    await mergeCategoriesAndKeywords(q);
    await mergeDailyDownloads(q);
  }
  await deriveCrateFacts(q);
}

// Daily downloads: only new or changed days are written, days the dump no longer has are removed.
async function mergeDailyDownloads(q: Query): Promise<void> {
  const target = `SELECT vm.id AS version_id, d.date, sum(d.downloads)::int AS downloads FROM st_version_download d
    JOIN st_version_map vm ON vm.dump_id = d.version_dump_id
    GROUP BY vm.id, d.date`;
  if (await bulkLoadIfEmpty(q, "version_downloads", () => q(`INSERT INTO version_downloads (version_id, date, downloads) ${target}`))) return;
  await q(`CREATE TEMP TABLE st_daily_target ON COMMIT DROP AS ${target}`);
  await q(`CREATE TEMP TABLE st_daily_changed ON COMMIT DROP AS
    SELECT version_id, date, downloads FROM st_daily_target EXCEPT SELECT version_id, date, downloads FROM version_downloads`);
  await q(`DELETE FROM version_downloads o WHERE NOT EXISTS
    (SELECT 1 FROM st_daily_target t WHERE t.version_id = o.version_id AND t.date = o.date)
    AND o.version_id NOT IN (${REMOVED_VERSIONS})`);
  await q(`INSERT INTO version_downloads (version_id, date, downloads)
    SELECT version_id, date, downloads FROM st_daily_changed ORDER BY version_id, date
    ON CONFLICT (version_id, date) DO UPDATE SET downloads = EXCLUDED.downloads`);
}

async function mergeOwnersAndUsers(q: Query): Promise<void> {
  // Owners are rewritten whole; accounts that left the dump go first, so that
  // a login now held by another id (a team deleted and re-created) cannot collide.
  await q(`DELETE FROM crate_owners WHERE crate_id IN (SELECT id FROM st_crate_map)`);
  await q(`DELETE FROM registry_teams t WHERE NOT EXISTS (SELECT 1 FROM st_team s WHERE s.id = t.id AND s.login = t.login)`);
  // Versions naming a deleted user as publisher keep NULL (ON DELETE SET NULL).
  await q(`DELETE FROM registry_users u WHERE NOT EXISTS (SELECT 1 FROM st_user s WHERE s.id = u.id)`);
  await q(`INSERT INTO registry_users (id, login, name, avatar, github_id)
    SELECT id, login, name, avatar, github_id FROM st_user
    ON CONFLICT (id) DO UPDATE SET login = EXCLUDED.login, name = EXCLUDED.name, avatar = EXCLUDED.avatar, github_id = EXCLUDED.github_id`);
  await q(`INSERT INTO registry_teams (id, login, name, avatar, github_id, org_id)
    SELECT id, login, name, avatar, github_id, org_id FROM st_team
    ON CONFLICT (id) DO UPDATE SET login = EXCLUDED.login, name = EXCLUDED.name, avatar = EXCLUDED.avatar,
      github_id = EXCLUDED.github_id, org_id = EXCLUDED.org_id`);
  await q(`INSERT INTO crate_owners (crate_id, kind, user_id, team_id, created_at)
    SELECT DISTINCT ON (m.id, o.owner_kind, o.owner_id) m.id,
      (CASE o.owner_kind WHEN 0 THEN 'user' ELSE 'team' END)::"OwnerKind",
      CASE WHEN o.owner_kind = 0 THEN o.owner_id END, CASE WHEN o.owner_kind = 1 THEN o.owner_id END, o.created_at
    FROM st_owner o JOIN st_crate_map m ON m.dump_id = o.crate_dump_id
    ORDER BY m.id, o.owner_kind, o.owner_id, o.line`);
}

async function mergeVersions(q: Query, sources: { index: boolean; dump: boolean }): Promise<void> {
  const dumpJoin = sources.dump
    ? `LEFT JOIN (st_dump_version dv JOIN st_crate sc ON sc.dump_id = dv.crate_dump_id) ON lower(sc.name) = iv.name_lower AND dv.num = iv.num`
    : `LEFT JOIN (SELECT NULL::timestamptz AS created_at, NULL::text AS license, NULL::int AS crate_size, NULL::text AS edition,
         NULL::bigint AS downloads, NULL::int AS published_by) dv ON false`;
  if (sources.index) {
    await q(`CREATE TEMP TABLE st_version_src ON COMMIT DROP AS
      SELECT c.id AS crate_id, iv.num, iv.sort_key, iv.prerelease, iv.yanked, iv.checksum, iv.features,
        iv.rust_version, iv.links, iv.v, COALESCE(iv.pubtime, dv.created_at) AS published_at, dv.license,
        dv.crate_size, dv.edition, COALESCE(dv.downloads, 0) AS downloads,
        (SELECT u.id FROM registry_users u WHERE u.id = dv.published_by) AS published_by
      FROM st_index_version iv JOIN crates c ON c.name_lower = iv.name_lower ${dumpJoin}`);
  } else {
    await q(`CREATE TEMP TABLE st_version_src ON COMMIT DROP AS
      SELECT m.id AS crate_id, dv.num, dv.sort_key, dv.prerelease, dv.yanked, dv.checksum, dv.features,
        dv.rust_version, dv.links, 1 AS v, dv.created_at AS published_at, dv.license, dv.crate_size, dv.edition,
        COALESCE(dv.downloads, 0) AS downloads,
        (SELECT u.id FROM registry_users u WHERE u.id = dv.published_by) AS published_by
      FROM st_dump_version dv JOIN st_crate_map m ON m.dump_id = dv.crate_dump_id`);
  }
  const indexColumns = ["sort_key", "prerelease", "yanked", "checksum", "features", "rust_version", "links", "index_schema"];
  const dumpColumns = ["license", "crate_size", "edition", "downloads", "published_by_id"];
  const updated = [...indexColumns, ...(sources.dump ? dumpColumns : []), "published_at"];
  const published = sources.dump ? "EXCLUDED.published_at" : "COALESCE(EXCLUDED.published_at, versions.published_at)";
  await q(`INSERT INTO versions (crate_id, num, sort_key, prerelease, yanked, checksum, features, rust_version, links,
      index_schema, published_at, license, crate_size, edition, downloads, published_by_id)
    SELECT crate_id, num, sort_key, prerelease, yanked, checksum, features, rust_version, links, v, published_at,
      license, crate_size, edition, downloads, published_by FROM st_version_src
    ON CONFLICT (crate_id, num) DO UPDATE SET
      ${updated.map((c) => (c === "published_at" ? `published_at = ${published}` : `${c} = EXCLUDED.${c}`)).join(", ")}
    WHERE (${updated.map((c) => `versions.${c}`).join(", ")}) IS DISTINCT FROM
      (${updated.map((c) => (c === "published_at" ? published : `EXCLUDED.${c}`)).join(", ")})`);
  await q(`DELETE FROM versions v WHERE NOT EXISTS (SELECT 1 FROM st_version_src s WHERE s.crate_id = v.crate_id AND s.num = v.num)
    AND v.crate_id NOT IN (${REMOVED_CRATES})`);
}

// A dump-only run on a database that follows the index: the dump's columns of
// the versions the index knows, nothing inserted or deleted.
async function updateVersionsFromDump(q: Query): Promise<void> {
  await q(`UPDATE versions v SET license = dv.license, crate_size = dv.crate_size, edition = dv.edition,
      downloads = COALESCE(dv.downloads, 0), published_at = COALESCE(dv.created_at, v.published_at),
      published_by_id = (SELECT u.id FROM registry_users u WHERE u.id = dv.published_by)
    FROM st_dump_version dv JOIN st_crate_map m ON m.dump_id = dv.crate_dump_id
    WHERE v.crate_id = m.id AND v.num = dv.num
      AND (v.license, v.crate_size, v.edition, v.downloads, v.published_at, v.published_by_id) IS DISTINCT FROM
          (dv.license, dv.crate_size, dv.edition, COALESCE(dv.downloads, 0), COALESCE(dv.created_at, v.published_at),
           (SELECT u.id FROM registry_users u WHERE u.id = dv.published_by))`);
}

// Dependencies are replaced per version, and only for versions whose set of
// dependencies changed, so a run that changed little writes little.
async function mergeDependencies(q: Query, sources: { index: boolean; dump: boolean }): Promise<void> {
  const columns = `version_id, crate_name, crate_id, explicit_name, req, optional, default_features, features, target, kind`;
  const fromDump = `FROM st_dump_dep d
       JOIN st_version_map vm ON vm.dump_id = d.version_dump_id
       JOIN st_crate_map dm ON dm.dump_id = d.crate_dump_id`;
  const dumpValues = `vm.id AS version_id, dm.name AS crate_name, dm.id AS crate_id, d.explicit_name, d.req, d.optional,
         d.default_features, d.features, d.target, d.kind`;
  const fromIndex = `FROM st_index_dep d
       JOIN crates c ON c.name_lower = d.name_lower
       JOIN versions v ON v.crate_id = c.id AND v.num = d.num
       LEFT JOIN crates dc ON dc.name_lower = lower(d.crate_name)`;
  const indexValues = `v.id AS version_id, d.crate_name, dc.id AS crate_id, d.explicit_name, d.req, d.optional, d.default_features,
         d.features, d.target, d.kind`;
  // `stagedId`: a number the staging already gave each row, unique by
  // construction (the index stager's count, or the line in dependencies.csv).
  const [values, from, stagedId] = sources.index ? [indexValues, fromIndex, "d.seq"] : [dumpValues, fromDump, "d.line"];
  const staged = `SELECT ${values} ${from}`;
  // A first load inserts everything, with the indexes built afterwards, and
  // takes the staged numbers as ids: a sequence call per row costs a quarter
  // of the insert.
  const bulkFill = async () => {
    await q(`INSERT INTO dependencies (id, ${columns}) SELECT ${stagedId}, ${values} ${from}`);
    await q(`SELECT setval(pg_get_serial_sequence('dependencies', 'id'), (SELECT max(id) FROM dependencies))`);
  };
  if (await bulkLoadIfEmpty(q, "dependencies", bulkFill)) return;
  await q(`CREATE TEMP TABLE st_dep_target ON COMMIT DROP AS ${staged}`);
  // EXCEPT ALL compares whole rows, NULLs included, as multisets.
  await q(`CREATE TEMP TABLE st_dep_changed ON COMMIT DROP AS
    SELECT DISTINCT version_id FROM (
      (SELECT ${columns} FROM st_dep_target EXCEPT ALL SELECT ${columns} FROM dependencies)
      UNION ALL
      (SELECT ${columns} FROM dependencies WHERE version_id NOT IN (${REMOVED_VERSIONS})
       EXCEPT ALL SELECT ${columns} FROM st_dep_target)
    ) diff`);
  await q(`DELETE FROM dependencies d USING st_dep_changed x WHERE d.version_id = x.version_id`);
  await q(`INSERT INTO dependencies (${columns})
    SELECT ${columns.split(", ").map((c) => `t.${c}`).join(", ")} FROM st_dep_target t
    JOIN st_dep_changed x ON x.version_id = t.version_id ORDER BY t.version_id`);
}

async function mergeCategoriesAndKeywords(q: Query): Promise<void> {
  await q(`DELETE FROM categories c WHERE NOT EXISTS (SELECT 1 FROM st_category s WHERE s.slug = c.slug)`);
  await q(`INSERT INTO categories (slug, name, description) SELECT slug, name, COALESCE(description, '') FROM st_category
    ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description`);
  await q(`DELETE FROM crate_categories WHERE crate_id IN (SELECT id FROM st_crate_map)`);
  await q(`INSERT INTO crate_categories (crate_id, category_id)
    SELECT DISTINCT m.id, c.id FROM st_crate_category x
    JOIN st_crate_map m ON m.dump_id = x.crate_dump_id
    JOIN st_category s ON s.dump_id = x.category_dump_id
    JOIN categories c ON c.slug = s.slug`);
  await q(`DELETE FROM keywords k WHERE NOT EXISTS (SELECT 1 FROM st_keyword s WHERE s.keyword = k.keyword)`);
  await q(`INSERT INTO keywords (keyword) SELECT DISTINCT keyword FROM st_keyword ON CONFLICT (keyword) DO NOTHING`);
  await q(`DELETE FROM crate_keywords WHERE crate_id IN (SELECT id FROM st_crate_map)`);
  await q(`INSERT INTO crate_keywords (crate_id, keyword_id)
    SELECT DISTINCT m.id, k.id FROM st_crate_keyword x
    JOIN st_crate_map m ON m.dump_id = x.crate_dump_id
    JOIN st_keyword s ON s.dump_id = x.keyword_dump_id
    JOIN keywords k ON k.keyword = s.keyword`);
}

/**
 * Limits deriveCrateFacts to some crates (an index sync touches few): the name
 * of a table of the ids of the crates whose versions changed.
 */
export interface DeriveScope {
  crates: string;
}

// Weights: name A, keywords B, description C (English stems), categories D.
// `c` is the crate row; `kw` / `cat` carry its keywords' and categories' words.
const SEARCH_VECTOR_SQL = `setweight(to_tsvector('simple', c.name || ' ' || translate(c.name, '-_', '  ')), 'A') ||
      setweight(to_tsvector('simple', COALESCE(kw.words, '')), 'B') ||
      setweight(to_tsvector('english', COALESCE(c.description, '')), 'C') ||
      setweight(to_tsvector('simple', COALESCE(cat.words, '')), 'D')`;
const KEYWORD_WORDS_SQL = `SELECT x.crate_id, string_agg(translate(k.keyword, '-_', '  '), ' ') words FROM crate_keywords x
      JOIN keywords k ON k.id = x.keyword_id GROUP BY x.crate_id`;
const CATEGORY_WORDS_SQL = `SELECT x.crate_id, string_agg(translate(g.name, ':', ' '), ' ') words FROM crate_categories x
      JOIN categories g ON g.id = x.category_id GROUP BY x.crate_id`;

/**
 * Every derived column of every crate in ONE statement, so each crate row is
 * rewritten at most once per run (and not at all when nothing changed): with
 * the search indexes on `crates`, each extra pass over the table costs seconds.
 * The definitions are those of deriveCrateFacts' scoped path; the sync tests
 * compare the two on the same data.
 */
async function deriveAllCrateFacts(q: Query): Promise<void> {
  // The served tables just changed inside this transaction, where autovacuum
  // cannot see them: without fresh statistics the planner guesses 200 crates
  // and picks nested loops that are quadratic at full scale.
  for (const table of ["crates", "versions", "dependencies", "version_downloads"]) await q(`ANALYZE ${table}`);
  await q(`WITH vs AS (
      -- One pass over versions: counts, dates, the default version (highest stable
      -- non-yanked, else highest non-yanked, else highest) and the max version.
      SELECT crate_id, count(*)::int n, bool_and(yanked) all_yanked, min(published_at) first_published,
        max(published_at) last_published,
        (array_agg(id ORDER BY yanked, prerelease, sort_key DESC))[1] AS default_version_id,
        (array_agg(license ORDER BY yanked, prerelease, sort_key DESC))[1] AS default_license,
        (array_agg(num ORDER BY sort_key DESC) FILTER (WHERE NOT yanked))[1] AS max_version
      FROM versions GROUP BY crate_id
    ), rd AS (
      -- Summed per version first: a join of every daily row to its version costs twice as much.
      SELECT v.crate_id, sum(d.n)::bigint n FROM (SELECT version_id, sum(downloads) n FROM version_downloads GROUP BY version_id) d
      JOIN versions v ON v.id = d.version_id GROUP BY v.crate_id
    ), rv AS (
      -- A dependent counts once, through its default version, and not at all when every one
      -- of its versions is yanked or when it left the registry.
      SELECT d.crate_id, count(DISTINCT vs.crate_id)::int n
      FROM vs JOIN crates dependent ON dependent.id = vs.crate_id
      JOIN dependencies d ON d.version_id = vs.default_version_id
      WHERE NOT vs.all_yanked AND dependent.removed_at IS NULL AND d.kind <> 'dev' AND d.crate_id IS NOT NULL
        AND d.crate_id <> vs.crate_id
      GROUP BY d.crate_id
    ), facts AS (
      SELECT c.id, COALESCE(vs.n, 0) AS version_count, COALESCE(vs.all_yanked, false) AS all_yanked,
        COALESCE(c.created_at, vs.first_published) AS created_at, COALESCE(c.updated_at, vs.last_published) AS updated_at,
        vs.default_version_id, vs.default_license, vs.max_version, COALESCE(rd.n, 0) AS recent_downloads,
        COALESCE(rv.n, 0) AS reverse_dependency_count, ${SEARCH_VECTOR_SQL} AS search_vector
      FROM crates c
      LEFT JOIN vs ON vs.crate_id = c.id LEFT JOIN rd ON rd.crate_id = c.id LEFT JOIN rv ON rv.crate_id = c.id
      LEFT JOIN (${KEYWORD_WORDS_SQL}) kw ON kw.crate_id = c.id
      LEFT JOIN (${CATEGORY_WORDS_SQL}) cat ON cat.crate_id = c.id
    )
    UPDATE crates c SET version_count = f.version_count, all_yanked = f.all_yanked, created_at = f.created_at,
      updated_at = f.updated_at, default_version_id = f.default_version_id, default_license = f.default_license,
      max_version = f.max_version,
      recent_downloads = f.recent_downloads, reverse_dependency_count = f.reverse_dependency_count,
      search_vector = f.search_vector
    FROM facts f
    WHERE c.id = f.id AND (c.version_count, c.all_yanked, c.created_at, c.updated_at, c.default_version_id, c.default_license,
        c.max_version, c.recent_downloads, c.reverse_dependency_count, c.search_vector)
      IS DISTINCT FROM (f.version_count, f.all_yanked, f.created_at, f.updated_at, f.default_version_id, f.default_license,
        f.max_version, f.recent_downloads, f.reverse_dependency_count, f.search_vector)`);
  // Which crates are parts of another's family (`clap_builder` of `clap`): migration 20261210000000_crate_family.
  await q(`SELECT derive_crate_families()`);
  // One count per table (a first load has no index on the referencing column yet to count each from).
  await q(`UPDATE categories g SET crate_count = s.n FROM (SELECT g2.id, COALESCE(x.n, 0) n FROM categories g2
      LEFT JOIN (SELECT category_id, count(*)::int n FROM crate_categories GROUP BY category_id) x ON x.category_id = g2.id) s
    WHERE g.id = s.id AND g.crate_count IS DISTINCT FROM s.n`);
  await q(`UPDATE keywords k SET crate_count = s.n FROM (SELECT k2.id, COALESCE(x.n, 0) n FROM keywords k2
      LEFT JOIN (SELECT keyword_id, count(*)::int n FROM crate_keywords GROUP BY keyword_id) x ON x.keyword_id = k2.id) s
    WHERE k.id = s.id AND k.crate_count IS DISTINCT FROM s.n`);
}

// Derived columns: for every crate on a full run (one statement), for the
// crates in scope on a sync (one cheap statement per column).
export async function deriveCrateFacts(q: Query, scope?: DeriveScope): Promise<void> {
  if (!scope) return deriveAllCrateFacts(q);
  const inScope = (column: string) => `AND ${column} IN (SELECT id FROM ${scope.crates})`;
  await q(`UPDATE crates c SET version_count = s.n, all_yanked = s.all_yanked,
      created_at = COALESCE(c.created_at, s.first_published), updated_at = COALESCE(c.updated_at, s.last_published)
    FROM (SELECT crate_id, count(*)::int n, bool_and(yanked) all_yanked, min(published_at) first_published,
            max(published_at) last_published FROM versions WHERE true ${inScope("crate_id")} GROUP BY crate_id) s
    WHERE c.id = s.crate_id`);
  await q(`UPDATE crates c SET version_count = 0, all_yanked = false
    WHERE NOT EXISTS (SELECT 1 FROM versions v WHERE v.crate_id = c.id) ${inScope("c.id")}`);
  // Default version: highest stable non-yanked, else highest non-yanked, else highest.
  await q(`UPDATE crates c SET default_version_id = d.id
    FROM (SELECT DISTINCT ON (crate_id) crate_id, id FROM versions WHERE true ${inScope("crate_id")}
          ORDER BY crate_id, yanked, prerelease, sort_key DESC) d
    WHERE c.id = d.crate_id AND c.default_version_id IS DISTINCT FROM d.id`);
  await q(`UPDATE crates c SET default_license = v.license FROM versions v
    WHERE v.id = c.default_version_id AND c.default_license IS DISTINCT FROM v.license ${inScope("c.id")}`);
  await q(`UPDATE crates c SET max_version = m.num
    FROM (SELECT c2.id, (SELECT v.num FROM versions v WHERE v.crate_id = c2.id AND NOT v.yanked
                         ORDER BY v.sort_key DESC LIMIT 1) num FROM crates c2 WHERE true ${inScope("c2.id")}) m
    WHERE c.id = m.id AND c.max_version IS DISTINCT FROM m.num`);
  await q(`UPDATE crates c SET recent_downloads = COALESCE(r.n, 0)
    FROM crates c2 LEFT JOIN (SELECT v.crate_id, sum(d.downloads)::bigint n FROM version_downloads d
                              JOIN versions v ON v.id = d.version_id WHERE true ${inScope("v.crate_id")}
                              GROUP BY v.crate_id) r ON r.crate_id = c2.id
    WHERE c.id = c2.id AND c.recent_downloads IS DISTINCT FROM COALESCE(r.n, 0) ${inScope("c2.id")}`);
  // Reverse-dependency counts: see applyEdgeDeltas in merge-index-changes.ts.
  // Categories, keywords and descriptions come from the dump: a sync only gives new crates their vector.
  await q(`UPDATE crates c SET search_vector = ${SEARCH_VECTOR_SQL}
    FROM crates c2
    LEFT JOIN (${KEYWORD_WORDS_SQL}) kw ON kw.crate_id = c2.id
    LEFT JOIN (${CATEGORY_WORDS_SQL}) cat ON cat.crate_id = c2.id
    WHERE c.id = c2.id AND c.search_vector IS NULL ${inScope("c.id")}`);
}
