import { cp, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { tarGz } from "../../test/tar-gz";
import { IngestError } from "./ingest-error";
import { IngestBusyError, runIngest } from "./run-ingest";
import { SEARCH_TABLES } from "./vacuum-search-tables";

// Facts about the fixture index, counted from the raw files here rather than
// through the parser under test.
async function countFixtureIndex() {
  let files = 0;
  let lines = 0;
  let yanked = 0;
  let deps = 0;
  const allYanked: string[] = [];
  for (const entry of await readdir(fixtureIndexDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === "config.json") continue;
    files++;
    const records = (await readFile(path.join(entry.parentPath, entry.name), "utf8"))
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { name: string; yanked: boolean; deps: unknown[] });
    lines += records.length;
    yanked += records.filter((r) => r.yanked).length;
    deps += records.reduce((n, r) => n + r.deps.length, 0);
    if (records.every((r) => r.yanked)) allYanked.push(records[0]!.name);
  }
  return { files, lines, yanked, deps, allYanked };
}


/** Everything a reader sees, without surrogate ids that may legitimately change. */
async function snapshot(url: string) {
  return queryRows(url, `SELECT
    (SELECT json_agg(c ORDER BY c.name) FROM (SELECT id, name, description, downloads::text, recent_downloads::text, max_version,
       version_count, all_yanked, reverse_dependency_count, created_at, updated_at,
       (SELECT num FROM versions v WHERE v.id = crates.default_version_id) AS default_version FROM crates) c) AS crates,
    (SELECT json_agg(v ORDER BY v.id) FROM (SELECT id, crate_id, num, yanked, checksum, features, published_at, license, downloads::text FROM versions) v) AS versions,
    (SELECT json_agg(d ORDER BY d.version_id, d.crate_name, d.kind, d.target, d.req) FROM
       (SELECT version_id, crate_name, crate_id, explicit_name, req, optional, default_features, features, target, kind FROM dependencies) d) AS dependencies,
    (SELECT json_agg(x ORDER BY x.crate_id, x.category_id) FROM crate_categories x) AS categories,
    (SELECT json_agg(x ORDER BY x.crate_id, x.keyword_id) FROM crate_keywords x) AS keywords,
    (SELECT json_agg(x ORDER BY x.crate_id, x.user_id, x.team_id) FROM (SELECT crate_id, user_id, team_id FROM crate_owners) x) AS owners,
    (SELECT count(*) FROM version_downloads) AS daily_downloads`);
}

describe("runIngest on the fixtures", () => {
  let db: TestDatabase;
  const dumpPath = inject("fixtureDumpPath");

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("loads every crate, version and dependency of the index with exact counts", async () => {
    const expected = await countFixtureIndex();
    const summary = await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath });
    expect(summary.crates).toBe(expected.files);
    expect(summary.versions).toBe(expected.lines);
    expect(summary.dependencies).toBe(expected.deps);
    expect(expected).toMatchObject({ files: 222, lines: 4284, yanked: 370 });

    const [counts] = await queryRows<{ yanked: number; all_yanked: number; with_description: number; categories: number }>(
      db.url,
      `SELECT (SELECT count(*) FROM versions WHERE yanked)::int yanked,
              (SELECT count(*) FROM crates WHERE all_yanked)::int all_yanked,
              (SELECT count(*) FROM crates WHERE description IS NOT NULL)::int with_description,
              (SELECT count(*) FROM crate_categories)::int categories`,
    );
    expect(counts!.yanked).toBe(expected.yanked);
    expect(counts!.all_yanked).toBe(expected.allYanked.length);
    expect(counts!.with_description).toBeGreaterThan(100);
    expect(counts!.categories).toBeGreaterThan(100);
  });

  it("resolves renamed dependencies to the real crate and keeps the local name", async () => {
    const rows = await queryRows<{ crate_name: string; explicit_name: string; target: string | null }>(
      db.url,
      `SELECT d.crate_name, d.explicit_name, d.target FROM dependencies d WHERE d.explicit_name = 'futures_01'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.crate_name === "futures")).toBe(true);
    const targets = await queryRows<{ target: string }>(db.url, `SELECT DISTINCT target FROM dependencies WHERE target LIKE 'cfg(%"%'`);
    expect(targets.length).toBeGreaterThan(0);
  });

  it("picks the highest stable non-yanked version as default, in semver order not file order", async () => {
    const rows = await queryRows<{ name: string; default_version: string; max_version: string }>(
      db.url,
      `SELECT c.name, v.num AS default_version, c.max_version FROM crates c JOIN versions v ON v.id = c.default_version_id
       WHERE c.name IN ('http', 'generic-array', 'tinyvec')`,
    );
    for (const row of rows) {
      const versions = await queryRows<{ num: string }>(
        db.url,
        `SELECT v.num FROM versions v JOIN crates c ON c.id = v.crate_id WHERE c.name = $1 AND NOT v.yanked AND NOT v.prerelease`,
        [row.name],
      );
      const highest = versions.map((v) => v.num).sort(compareSemverCore).at(-1);
      expect(row.default_version, row.name).toBe(highest);
    }
    expect(rows).toHaveLength(3);
  });

  it("does not count crates whose every version is yanked as reverse dependencies", async () => {
    const { allYanked } = await countFixtureIndex();
    const offenders = await queryRows<{ dependent: string; target: string }>(
      db.url,
      `SELECT dependent.name AS dependent, t.name AS target FROM crates dependent
       JOIN dependencies d ON d.version_id = dependent.default_version_id JOIN crates t ON t.id = d.crate_id
       WHERE dependent.name = ANY($1) AND d.kind <> 'dev'`,
      [allYanked],
    );
    expect(offenders.length, "the fixtures contain all-yanked crates with real dependencies").toBeGreaterThan(0);
    for (const { dependent, target } of offenders) {
      const [row] = await queryRows<{ counted: number; stored: number }>(
        db.url,
        `SELECT (SELECT count(DISTINCT c.id) FROM crates c JOIN dependencies d ON d.version_id = c.default_version_id
                 JOIN crates t ON t.id = d.crate_id WHERE t.name = $1 AND d.kind <> 'dev' AND NOT c.all_yanked AND c.id <> t.id)::int counted,
                (SELECT reverse_dependency_count FROM crates WHERE name = $1) stored`,
        [target],
      );
      expect(row!.stored, `${dependent} must not count toward ${target}`).toBe(row!.counted);
    }
  });

  it("puts a crate in the family of the crate its name extends, in the same repository", async () => {
    const rows = await queryRows<{ name: string; root: string | null }>(
      db.url,
      `SELECT c.name, r.name AS root FROM crates c LEFT JOIN crates r ON r.id = c.family_root_id WHERE c.name = ANY($1::text[])`,
      [["clap", "clap_builder", "clap_derive", "clap_lex", "serde", "serde_derive", "serde_json", "futures-util", "tokio-macros", "rayon-core"]],
    );
    expect(Object.fromEntries(rows.map((r) => [r.name, r.root]))).toEqual({
      // A root with parts is the root of its own family.
      clap: "clap",
      clap_builder: "clap",
      // Its repository is given as …/clap/tree/master/clap_derive: the same repository.
      clap_derive: "clap",
      clap_lex: "clap",
      serde: "serde",
      serde_derive: "serde",
      // serde-rs/json, not serde-rs/serde.
      serde_json: null,
      "futures-util": "futures",
      "tokio-macros": "tokio",
      // rayon-rs/rayon, where rayon's metadata still names nikomatsakis/rayon.
      "rayon-core": null,
    });
  });

  it("is idempotent: a second run leaves exactly the same data and ids", async () => {
    const before = await snapshot(db.url);
    await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath });
    expect(await snapshot(db.url)).toEqual(before);
  });

  it("vacuums the tables search reads once the run is served, so that searches do not read the rows it replaced", async () => {
    const vacuums = async () =>
      Object.fromEntries(
        (
          await queryRows<{ relname: string; n: number }>(
            db.url,
            `SELECT relname, vacuum_count::int n FROM pg_stat_user_tables WHERE relname = ANY($1::text[])`,
            [[...SEARCH_TABLES]],
          )
        ).map((r) => [r.relname, r.n]),
      );
    const before = await vacuums();
    expect(Object.keys(before).sort()).toEqual([...SEARCH_TABLES].sort());
    await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath });
    // vacuum_count counts VACUUM commands only (autovacuum has its own count).
    expect(await vacuums()).toEqual(Object.fromEntries(SEARCH_TABLES.map((t) => [t, before[t]! + 1])));
  });

  it("rewrites only the dependencies of versions that changed", async () => {
    const changedDir = await mkdtemp(path.join(tmpdir(), "cratelist-index-"));
    try {
      await cp(fixtureIndexDir, changedDir, { recursive: true });
      const file = path.join(changedDir, "to/ki/tokio");
      const lines = (await readFile(file, "utf8")).trimEnd().split("\n");
      const last = JSON.parse(lines.at(-1)!) as { vers: string; deps: { name: string }[] };
      const dropped = last.deps.find((d) => d.name === "bytes")!;
      last.deps = last.deps.filter((d) => d !== dropped);
      lines[lines.length - 1] = JSON.stringify(last);
      await writeFile(file, `${lines.join("\n")}\n`);

      const idsBefore = await queryRows<{ id: number }>(db.url, `SELECT d.id FROM dependencies d ORDER BY d.id`);
      await runIngest(db.url, { indexDir: changedDir, dumpPath });
      const rows = await queryRows<{ id: number; num: string; crate_name: string }>(
        db.url,
        `SELECT d.id, v.num, d.crate_name FROM dependencies d JOIN versions v ON v.id = d.version_id ORDER BY d.id`,
      );
      const tokioLatest = rows.filter((r) => r.num === last.vers);
      expect(tokioLatest.some((r) => r.crate_name === "bytes")).toBe(false);
      // Every other row is the same row as before (same id): nothing else was rewritten.
      const before = new Set(idsBefore.map((r) => r.id));
      const rewritten = rows.filter((r) => !before.has(r.id));
      expect(rewritten.length).toBeGreaterThan(0);
      expect(rewritten.every((r) => r.num === last.vers)).toBe(true);
      expect(rows.length).toBe(idsBefore.length - 1);
    } finally {
      await rm(changedDir, { recursive: true, force: true });
      await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath });
    }
  });

  it("aborts on a bad index line, names file and line, and changes nothing", async () => {
    const before = await snapshot(db.url);
    const broken = await mkdtemp(path.join(tmpdir(), "cratelist-index-"));
    try {
      await cp(fixtureIndexDir, broken, { recursive: true });
      const file = path.join(broken, "se/rd/serde");
      const lines = (await readFile(file, "utf8")).split("\n");
      lines[2] = lines[2]!.replace(/"cksum":"[0-9a-f]+"/, '"cksum":"not-hex"');
      await writeFile(file, lines.join("\n"));
      const error = await runIngest(db.url, { indexDir: broken, dumpPath }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestError);
      expect((error as IngestError).message).toContain("se/rd/serde:3");
      expect((error as IngestError).message).toMatch(/cksum/);
    } finally {
      await rm(broken, { recursive: true, force: true });
    }
    expect(await snapshot(db.url)).toEqual(before);
    const [run] = await queryRows<{ status: string; error: string }>(db.url, `SELECT status, error FROM ingest_runs ORDER BY id DESC LIMIT 1`);
    expect(run).toMatchObject({ status: "failed" });
    expect(run!.error).toContain("se/rd/serde:3");
  });

  it("aborts on a dump row that points at a missing crate, names the CSV line, and changes nothing", async () => {
    const before = await snapshot(db.url);
    const dir = await mkdtemp(path.join(tmpdir(), "cratelist-dump-"));
    try {
      const tarball = path.join(dir, "bad-dump.tar.gz");
      await writeFile(
        tarball,
        await tarGz({
          "2026-01-01-000000/metadata.json": '{"timestamp":"2026-01-01T00:00:00Z"}',
          "2026-01-01-000000/data/crates.csv":
            "id,name,updated_at,created_at,description,homepage,documentation,repository,readme\n" +
            "1,serde,2026-01-01 00:00:00,2015-01-01 00:00:00,A serialization framework,,,,\n",
          "2026-01-01-000000/data/versions.csv":
            "id,crate_id,num,updated_at,created_at,downloads,features,yanked,license,checksum\n" +
            `10,1,1.0.0,2026-01-01 00:00:00,2015-01-01 00:00:00,5,{},f,MIT,${"a".repeat(64)}\n` +
            `11,999,1.0.1,2026-01-01 00:00:00,2015-01-01 00:00:00,5,{},f,MIT,${"b".repeat(64)}\n`,
        }),
      );
      const error = await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath: tarball }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestError);
      expect((error as Error).message).toContain("data/versions.csv:3");
      expect((error as Error).message).toContain("crate_id 999");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(await snapshot(db.url)).toEqual(before);
  });

  // The embedded database serves one connection at a time: nothing concurrent to test there.
  it.skipIf(!inject("postgresAdminUrl"))("refuses a second concurrent run with a clear message", async () => {
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707370)");
      await expect(runIngest(db.url, { indexDir: fixtureIndexDir })).rejects.toBeInstanceOf(IngestBusyError);
    } finally {
      await holder.end();
    }
  });
});


function compareSemverCore(a: string, b: string): number {
  const pa = a.split(/[.+]/).map(Number);
  const pb = b.split(/[.+]/).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

describe("runIngest with one source", () => {
  let db: TestDatabase;
  const dumpPath = inject("fixtureDumpPath");

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("loads versions and dependencies from the dump alone, keeping only edges to known crates", async () => {
    const summary = await runIngest(db.url, { dumpPath });
    expect(summary.crates).toBe(summary.staged.dump_crates);
    expect(summary.versions).toBe(summary.staged.dump_versions);
    expect(summary.dependencies).toBe(summary.staged.dump_dependencies);
    const [row] = await queryRows<{ serde_default: string; described: number }>(
      db.url,
      `SELECT (SELECT v.num FROM crates c JOIN versions v ON v.id = c.default_version_id WHERE c.name = 'serde') serde_default,
              (SELECT count(*) FROM crates WHERE description IS NOT NULL)::int described`,
    );
    expect(row!.serde_default).toMatch(/^1\.\d+\.\d+$/);
    expect(row!.described).toBeGreaterThan(100);
  });

  it("an index-only run afterwards replaces versions and dependencies but keeps the dump's metadata", async () => {
    const [before] = await queryRows<{ description: string; downloads: string; license: string }>(
      db.url,
      `SELECT c.description, c.downloads::text, v.license FROM crates c JOIN versions v ON v.id = c.default_version_id WHERE c.name = 'tokio'`,
    );
    const expected = await countFixtureIndex();
    const summary = await runIngest(db.url, { indexDir: fixtureIndexDir });
    expect(summary.dependencies).toBe(expected.deps);
    const [after] = await queryRows<{ description: string; downloads: string; license: string }>(
      db.url,
      `SELECT c.description, c.downloads::text, v.license FROM crates c JOIN versions v ON v.id = c.default_version_id WHERE c.name = 'tokio'`,
    );
    expect(after).toEqual(before);
    expect(after!.description).toMatch(/asynchronous/i);
  });
});
