import { execFileSync } from "node:child_process";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { startSparseIndexServer, type SparseIndexServer } from "../../test/sparse-index-server";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { IngestError } from "./ingest-error";
import { runIngest } from "./run-ingest";
import { syncIndex } from "./sync-index";
import { IngestBusyError } from "./with-ingest-run";

// Index syncs against a database seeded with the fixture index and dump. The
// reference for "correct" is a full index run over the same files: after any
// sync the served data must be exactly what a full run would give.

const NEW_CRATE = "cratelist-sync-probe";
const NEW_CRATE_PATH = "cr/at/cratelist-sync-probe";

function line(name: string, vers: string, deps: { name: string; kind?: string }[] = []): string {
  return JSON.stringify({
    name,
    vers,
    deps: deps.map((d) => ({ name: d.name, req: "^1", features: [], optional: false, default_features: true, target: null, kind: d.kind ?? "normal" })),
    cksum: "a".repeat(64),
    features: {},
    yanked: false,
  });
}

/** Changes three crates the way a day of publishing does: a release, a yank, a deletion, and a new crate. */
async function publishSomeChanges(dir: string): Promise<void> {
  await appendFile(path.join(dir, "ei/th/either"), `${line("either", "99.0.0", [{ name: "serde" }, { name: "log", kind: "dev" }])}\n`);
  const hexFile = path.join(dir, "3/h/hex");
  const hex = (await readFile(hexFile, "utf8")).trimEnd().split("\n");
  hex[hex.length - 1] = hex[hex.length - 1]!.replace('"yanked":false', '"yanked":true');
  await writeFile(hexFile, `${hex.join("\n")}\n`);
  await rm(path.join(dir, "gl/ob/glob"));
  await mkdir(path.join(dir, path.dirname(NEW_CRATE_PATH)), { recursive: true });
  await writeFile(path.join(dir, NEW_CRATE_PATH), `${line(NEW_CRATE, "0.1.0", [{ name: "either" }])}\n`);
}

/** What readers see, by name rather than surrogate id. */
async function served(url: string) {
  const [row] = await queryRows(
    url,
    `SELECT
      (SELECT json_agg(c ORDER BY c.name) FROM (SELECT name, removed_at IS NOT NULL AS removed, description, downloads::text,
         recent_downloads::text, max_version, version_count, all_yanked, reverse_dependency_count,
         (SELECT num FROM versions v WHERE v.id = crates.default_version_id) AS default_version, default_license,
         search_vector IS NOT NULL AS searchable FROM crates) c) AS crates,
      (SELECT json_agg(v ORDER BY v.name, v.num) FROM (SELECT c.name, v.num, v.sort_key, v.yanked, v.checksum, v.features,
         v.published_at, v.license, v.downloads::text FROM versions v JOIN crates c ON c.id = v.crate_id) v) AS versions,
      (SELECT json_agg(d ORDER BY d.name, d.num, d.crate_name, d.kind, d.target, d.req) FROM
         (SELECT c.name, v.num, d.crate_name, dc.name AS target_crate, d.explicit_name, d.req, d.optional,
            d.default_features, d.features, d.target, d.kind
          FROM dependencies d JOIN versions v ON v.id = d.version_id JOIN crates c ON c.id = v.crate_id
          LEFT JOIN crates dc ON dc.id = d.crate_id) d) AS dependencies`,
  );
  return row!;
}

async function versionIds(url: string, crate: string): Promise<Record<string, number>> {
  const rows = await queryRows<{ num: string; id: number }>(
    url,
    `SELECT v.num, v.id FROM versions v JOIN crates c ON c.id = v.crate_id WHERE c.name = $1`,
    [crate],
  );
  return Object.fromEntries(rows.map((r) => [r.num, r.id]));
}

const git = (dir: string, ...args: string[]) =>
  execFileSync("git", ["-C", dir, "-c", "user.name=test", "-c", "user.email=test@example.com", ...args], { encoding: "utf8" });

describe("syncIndex", () => {
  const dbs: TestDatabase[] = [];
  let work: string;
  const seeded = async () => {
    const db = await createTestDatabase({ seeded: true });
    dbs.push(db);
    return db;
  };
  const copyIndex = async (name: string) => {
    const dir = path.join(work, name);
    await cp(fixtureIndexDir, dir, { recursive: true });
    return dir;
  };

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "sync-index-"));
  });
  afterAll(async () => {
    await Promise.all(dbs.map((db) => db.drop()));
    await rm(work, { recursive: true, force: true });
  });

  it("from a directory: merges only the changed files, and ends exactly where a full run would", async () => {
    const [incremental, full] = await Promise.all([seeded(), seeded()]);
    const dir = await copyIndex("dir");
    const before = await served(incremental.url);

    // A fresh copy has new mtimes but the same content: nothing is merged.
    const first = await syncIndex(incremental.url, { source: { kind: "dir", dir } });
    expect(first).toMatchObject({ checked: 222, changed: 0, removed: 0 });
    expect(await served(incremental.url)).toEqual(before);

    const serdeIds = await versionIds(incremental.url, "serde");
    await publishSomeChanges(dir);
    const second = await syncIndex(incremental.url, { source: { kind: "dir", dir } });
    expect(second).toMatchObject({ checked: 222, changed: 3, removed: 1 });

    await runIngest(full.url, { indexDir: dir });
    expect(await served(incremental.url)).toEqual(await served(full.url));
    // Untouched crates keep their rows.
    expect(await versionIds(incremental.url, "serde")).toEqual(serdeIds);

    const [either] = await queryRows(incremental.url, `SELECT max_version FROM crates WHERE name = 'either'`);
    expect(either!.max_version).toBe("99.0.0");
    const [glob] = await queryRows<{ removed: boolean; versions: number }>(
      incremental.url,
      `SELECT removed_at IS NOT NULL AS removed, (SELECT count(*)::int FROM versions v WHERE v.crate_id = c.id) AS versions
       FROM crates c WHERE name = 'glob'`,
    );
    // Deleted upstream: marked, and still holding its versions for anything keyed by its name.
    expect(glob).toEqual({ removed: true, versions: 27 });

    const runs = await queryRows(incremental.url, `SELECT source, status, counts FROM ingest_runs ORDER BY id DESC LIMIT 1`);
    expect(runs[0]).toMatchObject({ source: `index-sync:dir:${dir}`, status: "succeeded", counts: { changed: 3, removed: 1 } });
  });

  it("brings a removed crate back when its file returns", async () => {
    const db = await seeded();
    const dir = await copyIndex("comeback");
    await syncIndex(db.url, { source: { kind: "dir", dir } });
    const globFile = await readFile(path.join(dir, "gl/ob/glob"));
    await rm(path.join(dir, "gl/ob/glob"));
    await syncIndex(db.url, { source: { kind: "dir", dir } });
    await writeFile(path.join(dir, "gl/ob/glob"), globFile);
    const back = await syncIndex(db.url, { source: { kind: "dir", dir } });
    expect(back).toMatchObject({ changed: 1, removed: 0 });
    const [glob] = await queryRows(db.url, `SELECT removed_at FROM crates WHERE name = 'glob'`);
    expect(glob!.removed_at).toBeNull();
  });

  it("from a git checkout: reads only the files changed since the last synced commit", async () => {
    const [incremental, full] = await Promise.all([seeded(), seeded()]);
    const dir = await copyIndex("git");
    git(dir, "init", "--quiet");
    git(dir, "add", "-A");
    git(dir, "commit", "--quiet", "-m", "index");

    // The first sync of a checkout scans it; later ones follow `git diff`.
    expect(await syncIndex(incremental.url, { source: { kind: "git", dir } })).toMatchObject({ checked: 222, changed: 0 });
    expect(await syncIndex(incremental.url, { source: { kind: "git", dir } })).toMatchObject({ checked: 0, changed: 0 });

    await publishSomeChanges(dir);
    git(dir, "add", "-A");
    git(dir, "commit", "--quiet", "-m", "publish");
    const synced = await syncIndex(incremental.url, { source: { kind: "git", dir } });
    expect(synced).toMatchObject({ checked: 4, changed: 3, removed: 1 });

    await runIngest(full.url, { indexDir: dir });
    expect(await served(incremental.url)).toEqual(await served(full.url));
    const [state] = await queryRows(incremental.url, `SELECT value FROM sync_state WHERE key = $1`, [`git:${dir}`]);
    expect(state!.value).toBe(git(dir, "rev-parse", "HEAD").trim());
  });

  describe("from the sparse HTTP index", () => {
    let server: SparseIndexServer;
    beforeAll(async () => {
      server = await startSparseIndexServer();
    });
    afterAll(async () => {
      await server?.close();
    });
    afterEach(() => server.resetLog());
    const http = { allowedHosts: () => true, backoffBaseMs: 1, maxRequestsPerSecond: Infinity, concurrency: 4 };

    it("fetches every known crate once, then only asks whether each changed, and marks a 404 as removed", async () => {
      const db = await seeded();
      const before = await served(db.url);
      const source = { kind: "sparse" as const, url: server.url, http };

      // Nothing remembered yet: every file is fetched; the content is what the database has.
      const first = await syncIndex(db.url, { source });
      expect(first).toMatchObject({ checked: 222, changed: 222, removed: 0 });
      expect(await served(db.url)).toEqual(before);

      server.resetLog();
      const second = await syncIndex(db.url, { source });
      expect(second).toMatchObject({ checked: 222, changed: 0, removed: 0 });
      const crateRequests = server.requests.filter((r) => r.path !== "/config.json");
      expect(crateRequests.every((r) => r.status === 304 && r.headers["if-none-match"])).toBe(true);

      // A deleted crate, a rate limit and a dropped connection in one run.
      server.resetLog();
      server.setFault("gl/ob/glob", { status: 404 });
      server.setFault("3/h/hex", { status: 429, retryAfter: 0, times: 1 });
      server.setFault("ei/th/either", { cutMidBody: true, times: 1 });
      const third = await syncIndex(db.url, { source });
      expect(third).toMatchObject({ checked: 222, removed: 1 });
      const [glob] = await queryRows(db.url, `SELECT removed_at IS NOT NULL AS removed FROM crates WHERE name = 'glob'`);
      expect(glob!.removed).toBe(true);
      const hexTries = server.requests.filter((r) => r.path === "/3/h/hex").map((r) => r.status);
      expect(hexTries).toEqual([429, 304]);
    });
  });

  it("aborts on a bad line, names the file and line, and changes nothing", async () => {
    const db = await seeded();
    const dir = await copyIndex("bad");
    await syncIndex(db.url, { source: { kind: "dir", dir } });
    const before = await served(db.url);
    const [stateBefore] = await queryRows(db.url, `SELECT json_agg(f ORDER BY name_lower) AS s FROM index_files f`);

    await appendFile(path.join(dir, "ei/th/either"), `${line("either", "99.0.0")}\n{"name": "either", "vers":\n`);
    await rm(path.join(dir, "gl/ob/glob"));
    const error = await syncIndex(db.url, { source: { kind: "dir", dir } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(/^ei\/th\/either:31: /);

    expect(await served(db.url)).toEqual(before);
    const [stateAfter] = await queryRows(db.url, `SELECT json_agg(f ORDER BY name_lower) AS s FROM index_files f`);
    expect(stateAfter).toEqual(stateBefore);
    const [run] = await queryRows(db.url, `SELECT status, error FROM ingest_runs ORDER BY id DESC LIMIT 1`);
    expect(run).toMatchObject({ status: "failed", error: expect.stringContaining("ei/th/either:31") });
  });

  // The embedded database serves one connection, so nothing else can hold the lock there.
  it.skipIf(!inject("postgresAdminUrl"))("refuses to run while another ingest holds the lock", async () => {
    const db = await seeded();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707370)");
      const error = await syncIndex(db.url, { source: { kind: "dir", dir: fixtureIndexDir } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IngestBusyError);
      expect((error as Error).message).toMatch(/Another ingest is running/);
    } finally {
      await holder.end();
    }
  });
});
