import type { DumpTable } from "./dump-rows";

// The COPY path of the dump ingest (a real PostgreSQL server): each CSV is
// copied byte for byte into a typed temporary table named raw_<table>, with
// the CSV's own column names plus `line`. PostgreSQL's types and the CHECK
// constraints below do the validation that dump-rows.ts does in JavaScript on
// the other path; their names are the messages a user sees. Views with the
// staging names (st_crate, st_dump_version, ...) then present the raw tables to
// check-staged.ts and merge-staged.ts exactly as the INSERT path's tables.
// Keep the column types in step with the zod schemas in dump-rows.ts.
// These temporary objects are not ON COMMIT DROP (the views depend on the
// tables); they live as long as the ingest's own connection, which closes
// right after the run.

const rawColumns: Record<DumpTable, string> = {
  crates: `id int NOT NULL, name text NOT NULL CONSTRAINT "name must not be empty" CHECK (name <> ''),
    updated_at timestamptz NOT NULL, created_at timestamptz NOT NULL, description text, homepage text,
    documentation text, repository text, readme text, max_upload_size int, max_features int, downloads bigint`,
  crate_downloads: `crate_id int NOT NULL, downloads bigint NOT NULL`,
  versions: `id int NOT NULL, crate_id int NOT NULL, num text NOT NULL CONSTRAINT "num must not be empty" CHECK (num <> ''),
    num_no_build text, updated_at timestamptz NOT NULL, created_at timestamptz NOT NULL, downloads bigint NOT NULL,
    features jsonb NOT NULL CONSTRAINT "features must be a JSON object" CHECK (jsonb_typeof(features) = 'object'),
    yanked boolean NOT NULL, license text, crate_size int, published_by int,
    checksum text CONSTRAINT "checksum must be 64 lower-case hex characters" CHECK (checksum ~ '^[0-9a-f]{64}$'),
    links text, rust_version text, has_lib boolean, bin_names text[], edition text, description text, homepage text,
    documentation text, repository text, categories text[], keywords text[]`,
  default_versions: `crate_id int NOT NULL, version_id int NOT NULL, num_versions int`,
  dependencies: `id int NOT NULL, version_id int NOT NULL, crate_id int NOT NULL, req text NOT NULL,
    optional boolean NOT NULL, default_features boolean NOT NULL, features text[] NOT NULL, target text,
    kind smallint NOT NULL CONSTRAINT "kind must be 0 (normal), 1 (build) or 2 (dev)" CHECK (kind IN (0, 1, 2)),
    explicit_name text`,
  version_downloads: `version_id int NOT NULL, downloads int NOT NULL, date date NOT NULL`,
  categories: `id int NOT NULL, category text NOT NULL, slug text NOT NULL, description text, crates_cnt int,
    created_at timestamptz, path text`,
  crates_categories: `crate_id int NOT NULL, category_id int NOT NULL`,
  keywords: `id int NOT NULL, keyword text NOT NULL, crates_cnt int, created_at timestamptz`,
  crates_keywords: `crate_id int NOT NULL, keyword_id int NOT NULL`,
  crate_owners: `crate_id int NOT NULL, owner_id int NOT NULL,
    owner_kind int NOT NULL CONSTRAINT "owner_kind must be 0 (user) or 1 (team)" CHECK (owner_kind IN (0, 1)),
    created_at timestamptz, created_by int`,
  users: `id int NOT NULL, gh_login text NOT NULL, name text, gh_avatar text, gh_id int`,
  teams: `id int NOT NULL, login text NOT NULL, github_id int, name text, avatar text, org_id int`,
  metadata: `total_downloads bigint NOT NULL`,
  reserved_crate_names: `name text NOT NULL`,
};

export function rawTableName(table: DumpTable): string {
  return `raw_${table}`;
}

export const rawTablesSql = Object.entries(rawColumns)
  .map(([table, columns]) => `CREATE TEMP TABLE raw_${table} (line int NOT NULL, ${columns});`)
  .join("\n");

/** Sort keys are computed in JavaScript once per distinct version string. */
export const versionKeyTableSql = `CREATE TEMP TABLE st_version_key (num text PRIMARY KEY, sort_key text COLLATE "C", prerelease boolean);`;

export const rawStagingViewsSql = `
CREATE TEMP VIEW st_crate AS SELECT line, id AS dump_id, name, description, homepage, documentation, repository,
  readme, created_at, updated_at, downloads FROM raw_crates;
CREATE TEMP VIEW st_crate_download AS SELECT line, crate_id AS crate_dump_id, downloads FROM raw_crate_downloads;
CREATE TEMP VIEW st_dump_version AS SELECT v.line, v.id AS dump_id, v.crate_id AS crate_dump_id, v.num, k.sort_key,
  k.prerelease, v.created_at, v.updated_at, v.downloads, v.features, v.yanked, v.license, v.crate_size,
  v.published_by, COALESCE(v.checksum, '') AS checksum, v.links, v.rust_version, v.edition
  FROM raw_versions v JOIN st_version_key k ON k.num = v.num;
CREATE TEMP VIEW st_dump_dep AS SELECT line, version_id AS version_dump_id, crate_id AS crate_dump_id, req, optional,
  default_features, features, NULLIF(target, '') AS target,
  (CASE kind WHEN 0 THEN 'normal' WHEN 1 THEN 'build' ELSE 'dev' END)::"DependencyKind" AS kind, explicit_name
  FROM raw_dependencies;
CREATE TEMP VIEW st_category AS SELECT line, id AS dump_id, slug, category AS name, description FROM raw_categories;
CREATE TEMP VIEW st_crate_category AS SELECT line, crate_id AS crate_dump_id, category_id AS category_dump_id FROM raw_crates_categories;
CREATE TEMP VIEW st_keyword AS SELECT line, id AS dump_id, keyword FROM raw_keywords;
CREATE TEMP VIEW st_crate_keyword AS SELECT line, crate_id AS crate_dump_id, keyword_id AS keyword_dump_id FROM raw_crates_keywords;
CREATE TEMP VIEW st_user AS SELECT line, id, gh_login AS login, name, gh_avatar AS avatar, gh_id AS github_id FROM raw_users;
CREATE TEMP VIEW st_team AS SELECT line, id, login, name, avatar, github_id, org_id FROM raw_teams;
CREATE TEMP VIEW st_owner AS SELECT line, crate_id AS crate_dump_id, owner_id, owner_kind, created_at FROM raw_crate_owners;
CREATE TEMP VIEW st_version_download AS SELECT line, version_id AS version_dump_id, date, downloads FROM raw_version_downloads;
`;
