-- A crate's family: `clap_builder`, `clap_derive` and `clap_lex` are parts of
-- `clap` when they share its repository and their names extend its name at a
-- `-` or `_`. Search ranks the family's root at least as high as its best
-- matching part (lib/search/postgres-search-backend.ts), so that the crate
-- people depend on comes before its implementation crates.

-- The repository without scheme, `www.`, `.git` or a trailing slash, cut to
-- host/owner/name: `https://github.com/clap-rs/clap/tree/master/clap_derive`
-- and `https://github.com/clap-rs/clap` are the same repository.
CREATE FUNCTION crate_repository_key(url text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
  RETURN NULLIF(substring(regexp_replace(regexp_replace(lower(btrim(url)), '^[a-z+]+://(www\.)?', ''), '(\.git)?/*$', '')
    FROM '^[^/]+/[^/]+/[^/]+'), '');

-- The family's root: its own id on a root that has parts, NULL outside any
-- family. Search looks a matching root's parts up by it.
ALTER TABLE "crates" ADD COLUMN "family_root_id" INTEGER;
CREATE INDEX "crates_family_root_id_idx" ON "crates" ("family_root_id") WHERE "family_root_id" IS NOT NULL;

-- Each live crate's family root: the live crate with the shortest name that
-- the crate's name extends at a `-` or `_` (`clap` for `clap_builder`,
-- `futures` for `futures-util-macros`), in the same repository. Families are
-- flat: a shorter root in the same repository would also be a prefix of the
-- part's name. Only rows whose family changed are written. The ingest calls
-- it on every full run (names and repositories come from the dump).
CREATE FUNCTION derive_crate_families() RETURNS void LANGUAGE sql AS $$
  WITH part AS (
    SELECT id, replace(name_lower, '-', '_') AS canonical, crate_repository_key(repository) AS repository_key FROM crates
    WHERE removed_at IS NULL AND repository IS NOT NULL AND name_lower ~ '.[-_].'
  ), prefix AS (
    SELECT p.id, p.repository_key, left(p.canonical, i - 1) AS canonical FROM part p
    CROSS JOIN LATERAL generate_series(2, length(p.canonical) - 1) i
    WHERE p.repository_key IS NOT NULL AND substr(p.canonical, i, 1) = '_'
  ), root AS (
    SELECT DISTINCT ON (x.id) x.id, r.id AS root_id FROM prefix x
    JOIN crates r ON replace(r.name_lower, '-', '_') = x.canonical AND r.removed_at IS NULL
      AND crate_repository_key(r.repository) = x.repository_key
    ORDER BY x.id, length(x.canonical)
  )
  UPDATE crates c SET family_root_id = f.root_id
  FROM (SELECT c2.id, f.root_id FROM crates c2
    LEFT JOIN (SELECT id, root_id FROM root UNION SELECT root_id, root_id FROM root) f ON f.id = c2.id) f
  WHERE c.id = f.id AND c.family_root_id IS DISTINCT FROM f.root_id;
$$;

SELECT derive_crate_families();
-- The rows just written entered the search index's pending list, which every
-- search reads through until a vacuum (seen: searches 3× slower at 250,000
-- crates); and the planner needs statistics for the new column and index
-- (without them: 50× slower).
SELECT gin_clean_pending_list('crates_search_vector_idx');
ANALYZE crates;
