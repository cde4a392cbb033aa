import type pg from "pg";
import { IngestError } from "./ingest-error";

// Cross-file checks that a single row cannot make on its own: references
// between dump tables, and duplicates. The first offender of each kind is
// reported with its file and line.
interface ReferenceCheck {
  file: string;
  sql: string;
  message: (row: Record<string, unknown>) => string;
}

/**
 * The first row (by line) whose key an earlier row of the same file already
 * has; `key` is a list of the staged table's columns or expressions, and the
 * row carries `first`, the earlier line. Keys are grouped first (a hash
 * aggregate), so a file without duplicates costs one pass.
 */
function duplicateCheck(file: string, table: string, key: string, message: ReferenceCheck["message"]): ReferenceCheck {
  return {
    file,
    sql: `SELECT * FROM (SELECT t.*, min(t.line) OVER (PARTITION BY ${key}) AS first FROM ${table} t
            WHERE (${key}) IN (SELECT ${key} FROM ${table} t GROUP BY ${key} HAVING count(*) > 1)) d
          WHERE line > first ORDER BY line LIMIT 1`,
    message,
  };
}

const dumpChecks: ReferenceCheck[] = [
  duplicateCheck("data/crates.csv", "st_crate", "t.dump_id", (r) => `crate id ${r.dump_id} appears more than once (first on line ${r.first})`),
  duplicateCheck(
    "data/crates.csv",
    "st_crate",
    "lower(t.name)",
    (r) => `crate name "${r.name}" appears more than once (names are unique case-insensitively; first on line ${r.first})`,
  ),
  duplicateCheck("data/versions.csv", "st_dump_version", "t.dump_id", (r) => `version id ${r.dump_id} appears more than once (first on line ${r.first})`),
  duplicateCheck(
    "data/versions.csv",
    "st_dump_version",
    "t.crate_dump_id, t.num",
    (r) => `version ${r.num} of crate_id ${r.crate_dump_id} appears more than once (first on line ${r.first})`,
  ),
  {
    file: "data/versions.csv",
    sql: `SELECT v.line, v.crate_dump_id AS ref FROM st_dump_version v WHERE NOT EXISTS (SELECT 1 FROM st_crate c WHERE c.dump_id = v.crate_dump_id) ORDER BY v.line LIMIT 1`,
    message: (r) => `crate_id ${r.ref} is not in crates.csv`,
  },
  {
    file: "data/dependencies.csv",
    sql: `SELECT d.line, d.version_dump_id AS ref FROM st_dump_dep d WHERE NOT EXISTS (SELECT 1 FROM st_dump_version v WHERE v.dump_id = d.version_dump_id) ORDER BY d.line LIMIT 1`,
    message: (r) => `version_id ${r.ref} is not in versions.csv`,
  },
  {
    file: "data/dependencies.csv",
    sql: `SELECT d.line, d.crate_dump_id AS ref FROM st_dump_dep d WHERE NOT EXISTS (SELECT 1 FROM st_crate c WHERE c.dump_id = d.crate_dump_id) ORDER BY d.line LIMIT 1`,
    message: (r) => `crate_id ${r.ref} is not in crates.csv`,
  },
  {
    file: "data/crate_downloads.csv",
    sql: `SELECT d.line, d.crate_dump_id AS ref FROM st_crate_download d WHERE NOT EXISTS (SELECT 1 FROM st_crate c WHERE c.dump_id = d.crate_dump_id) ORDER BY d.line LIMIT 1`,
    message: (r) => `crate_id ${r.ref} is not in crates.csv`,
  },
  {
    file: "data/crates_categories.csv",
    sql: `SELECT x.line, x.crate_dump_id AS crate, x.category_dump_id AS category FROM st_crate_category x
          WHERE NOT EXISTS (SELECT 1 FROM st_crate c WHERE c.dump_id = x.crate_dump_id)
             OR NOT EXISTS (SELECT 1 FROM st_category g WHERE g.dump_id = x.category_dump_id) ORDER BY x.line LIMIT 1`,
    message: (r) => `crate_id ${r.crate} or category_id ${r.category} does not exist`,
  },
  {
    file: "data/crates_keywords.csv",
    sql: `SELECT x.line, x.crate_dump_id AS crate, x.keyword_dump_id AS keyword FROM st_crate_keyword x
          WHERE NOT EXISTS (SELECT 1 FROM st_crate c WHERE c.dump_id = x.crate_dump_id)
             OR NOT EXISTS (SELECT 1 FROM st_keyword k WHERE k.dump_id = x.keyword_dump_id) ORDER BY x.line LIMIT 1`,
    message: (r) => `crate_id ${r.crate} or keyword_id ${r.keyword} does not exist`,
  },
  {
    file: "data/crate_owners.csv",
    sql: `SELECT o.line, o.crate_dump_id AS crate, o.owner_id AS owner, o.owner_kind AS kind FROM st_owner o
          WHERE NOT EXISTS (SELECT 1 FROM st_crate c WHERE c.dump_id = o.crate_dump_id)
             OR (o.owner_kind = 0 AND NOT EXISTS (SELECT 1 FROM st_user u WHERE u.id = o.owner_id))
             OR (o.owner_kind = 1 AND NOT EXISTS (SELECT 1 FROM st_team t WHERE t.id = o.owner_id))
             OR o.owner_kind NOT IN (0, 1) ORDER BY o.line LIMIT 1`,
    message: (r) => `owner ${r.owner} (owner_kind ${r.kind}) of crate_id ${r.crate} does not exist`,
  },
  {
    file: "data/version_downloads.csv",
    sql: `SELECT d.line, d.version_dump_id AS ref FROM st_version_download d WHERE NOT EXISTS (SELECT 1 FROM st_dump_version v WHERE v.dump_id = d.version_dump_id) ORDER BY d.line LIMIT 1`,
    message: (r) => `version_id ${r.ref} is not in versions.csv`,
  },
];

const indexChecks: ReferenceCheck[] = [
  {
    file: "",
    sql: `SELECT file, line, num FROM (SELECT file, line, num, row_number() OVER (PARTITION BY name_lower, num ORDER BY line) n FROM st_index_version) d WHERE n > 1 ORDER BY file, line LIMIT 1`,
    message: (r) => `version ${r.num} appears more than once`,
  },
];

export async function checkStaged(client: pg.ClientBase, sources: { index: boolean; dump: boolean }, dumpLabel = ""): Promise<void> {
  const checks = [...(sources.index ? indexChecks : []), ...(sources.dump ? dumpChecks : [])];
  for (const check of checks) {
    const { rows } = await client.query<Record<string, unknown>>(check.sql);
    const row = rows[0];
    if (!row) continue;
    const file = check.file ? `${dumpLabel}${check.file}` : String(row.file);
    throw new IngestError(file, Number(row.line), check.message(row));
  }
}
