// Temporary tables one ingest run fills before merging. They live inside the
// run's transaction (ON COMMIT DROP), so a killed run leaves nothing behind.
// Each keeps the source line so that cross-file checks can name it.
export const indexStagingTablesSql = `
CREATE TEMP TABLE st_index_version (
  file text, line int, name text, name_lower text, num text, sort_key text COLLATE "C", prerelease boolean,
  yanked boolean, checksum text, features jsonb, rust_version text, links text, v int, pubtime timestamptz
) ON COMMIT DROP;
CREATE TEMP TABLE st_index_dep (
  seq int, name_lower text, num text, crate_name text, explicit_name text, req text, optional boolean,
  default_features boolean, features text[], target text, kind "DependencyKind"
) ON COMMIT DROP;
CREATE TEMP TABLE st_index_file (
  name_lower text, path text, size bigint, mtime_ms double precision, sha256 text, etag text, last_modified text
) ON COMMIT DROP;
`;

// The INSERT path of the dump ingest (the embedded database, which cannot
// COPY FROM STDIN) fills these from rows validated in JavaScript; the COPY
// path presents views with the same names and columns (dump-raw-tables.ts).
export const dumpStagingTablesSql = `
CREATE TEMP TABLE st_crate (
  line int, dump_id int, name text, description text, homepage text, documentation text, repository text,
  readme text, created_at timestamptz, updated_at timestamptz, downloads bigint
) ON COMMIT DROP;
CREATE TEMP TABLE st_crate_download (line int, crate_dump_id int, downloads bigint) ON COMMIT DROP;
CREATE TEMP TABLE st_dump_version (
  line int, dump_id int, crate_dump_id int, num text, sort_key text COLLATE "C", prerelease boolean,
  created_at timestamptz, updated_at timestamptz, downloads bigint, features jsonb, yanked boolean,
  license text, crate_size int, published_by int, checksum text, links text, rust_version text, edition text
) ON COMMIT DROP;
CREATE TEMP TABLE st_dump_dep (
  line int, version_dump_id int, crate_dump_id int, req text, optional boolean, default_features boolean,
  features text[], target text, kind "DependencyKind", explicit_name text
) ON COMMIT DROP;
CREATE TEMP TABLE st_category (line int, dump_id int, slug text, name text, description text) ON COMMIT DROP;
CREATE TEMP TABLE st_crate_category (line int, crate_dump_id int, category_dump_id int) ON COMMIT DROP;
CREATE TEMP TABLE st_keyword (line int, dump_id int, keyword text) ON COMMIT DROP;
CREATE TEMP TABLE st_crate_keyword (line int, crate_dump_id int, keyword_dump_id int) ON COMMIT DROP;
CREATE TEMP TABLE st_user (line int, id int, login text, name text, avatar text, github_id int) ON COMMIT DROP;
CREATE TEMP TABLE st_team (line int, id int, login text, name text, avatar text, github_id int, org_id int) ON COMMIT DROP;
CREATE TEMP TABLE st_owner (line int, crate_dump_id int, owner_id int, owner_kind int, created_at timestamptz) ON COMMIT DROP;
CREATE TEMP TABLE st_version_download (line int, version_dump_id int, date date, downloads int) ON COMMIT DROP;
`;

export type StagingTable =
  | "st_index_version"
  | "st_index_dep"
  | "st_index_file"
  | "st_crate"
  | "st_crate_download"
  | "st_dump_version"
  | "st_dump_dep"
  | "st_category"
  | "st_crate_category"
  | "st_keyword"
  | "st_crate_keyword"
  | "st_user"
  | "st_team"
  | "st_owner"
  | "st_version_download";
