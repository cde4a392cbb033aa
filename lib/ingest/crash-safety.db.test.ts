import { spawn } from "node:child_process";
import { appendFile, cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { buildDumpFixture } from "../../scripts/build-dump-fixture";
import { runIngest } from "./run-ingest";
import { syncIndex } from "./sync-index";

// An ingest killed with SIGKILL at any phase leaves the served data as it was,
// and the next run completes normally and records the killed one as interrupted.
// The killed runs load a different registry (half of the fixture crates), so
// anything they had written would show.

const root = path.resolve(import.meta.dirname, "../..");
const phases = ["Reading index", "Reading dump", "Checking references", "Merging into the served tables"];


const servedData = async (url: string) =>
  (
    await queryRows(url, `SELECT
      (SELECT md5(string_agg(name || ':' || COALESCE(max_version, '') || ':' || reverse_dependency_count || ':' || downloads, ',' ORDER BY name)) FROM crates) crates,
      (SELECT count(*) FROM versions) versions, (SELECT count(*) FROM dependencies) dependencies,
      (SELECT count(*) FROM version_downloads) daily`)
  )[0];

/** Starts the ingest CLI and kills it with SIGKILL as soon as it reports `phase`. */
function killDuring(url: string, source: { indexDir: string; dumpPath: string }, phase: string): Promise<string> {
  return killCliDuring(url, ["lib/ingest/cli.ts", "--index", source.indexDir, "--dump", source.dumpPath], phase);
}

function killCliDuring(url: string, cli: string[], phase: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", ["--import", "tsx", ...cli], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url },
    });
    let output = "";
    // Phase lines go to stderr (the progress stream), the final summary to stdout.
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(phase)) child.kill("SIGKILL");
    };
    child.stdout.on("data", watch);
    child.stderr.on("data", watch);
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(signal === "SIGKILL" ? "killed" : `exited ${code}: ${output}`));
  });
}

// The server notices a dead client when it next touches the socket; wait for
// its backend (and the advisory lock it held) to go away.
async function waitForNoOtherBackends(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const [others] = await queryRows<{ n: number }>(
      url,
      `SELECT count(*)::int n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    if (others!.n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the killed run's backend did not go away");
}

describe.skipIf(!inject("postgresAdminUrl"))("an ingest killed with SIGKILL", () => {
  let db: TestDatabase;
  let dir: string;
  let half: { indexDir: string; dumpPath: string };

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
    dir = await mkdtemp(path.join(tmpdir(), "cratelist-crash-"));
    half = { indexDir: path.join(dir, "index"), dumpPath: path.join(dir, "half.tar.gz") };
    await cp(fixtureIndexDir, half.indexDir, { recursive: true });
    const files = (await readdir(half.indexDir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name !== "config.json");
    for (const [i, file] of files.entries()) if (i % 2 === 0) await rm(path.join(file.parentPath, file.name));
    await buildDumpFixture(half.dumpPath, { indexDir: half.indexDir });
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const phase of phases) {
    it(`during "${phase}" leaves the served data unchanged`, async () => {
      const before = await servedData(db.url);
      expect(await killDuring(db.url, half, phase)).toBe("killed");
      await waitForNoOtherBackends(db.url);
      expect(await servedData(db.url)).toEqual(before);
    });
  }

  it("is followed by a run that completes and records the killed runs as interrupted", async () => {
    const before = await servedData(db.url);
    const summary = await runIngest(db.url, half);
    expect(summary.crates).toBe(111);
    expect(await servedData(db.url)).not.toEqual(before);
    const runs = await queryRows<{ status: string; error: string }>(db.url, `SELECT status, error FROM ingest_runs ORDER BY id`);
    const interrupted = runs.filter((r) => r.status === "failed" && /interrupted/.test(r.error));
    expect(interrupted).toHaveLength(phases.length);
    expect(runs.at(-1)).toMatchObject({ status: "succeeded" });
    expect(runs.some((r) => r.status === "running")).toBe(false);
  });
});

// The same for an index sync: it stages and merges in one transaction too.
describe.skipIf(!inject("postgresAdminUrl"))("an index sync killed with SIGKILL", () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
    dir = await mkdtemp(path.join(tmpdir(), "cratelist-sync-crash-"));
    await cp(fixtureIndexDir, dir, { recursive: true });
    // Half the crates gone, the other half with a new release: a sync with plenty to merge.
    const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && e.name !== "config.json");
    for (const [i, file] of files.entries()) {
      const at = path.join(file.parentPath, file.name);
      if (i % 2 === 0) {
        await rm(at);
        continue;
      }
      const last = JSON.parse((await readFile(at, "utf8")).trimEnd().split("\n").at(-1)!) as { vers: string };
      last.vers = `${last.vers.replace(/\+.*$/, "")}+crash.1`;
      await appendFile(at, `${JSON.stringify(last)}\n`);
    }
  });
  afterAll(async () => {
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  for (const phase of ["index sync: check files", "index sync: merge"]) {
    it(`during "${phase}" leaves the served data and the sync state unchanged`, async () => {
      const before = await servedData(db.url);
      const [state] = await queryRows(db.url, `SELECT md5(string_agg(name_lower || sha256, ',' ORDER BY name_lower)) s FROM index_files`);
      expect(await killCliDuring(db.url, ["lib/ingest/sync-cli.ts", "--dir", dir], phase)).toBe("killed");
      await waitForNoOtherBackends(db.url);
      expect(await servedData(db.url)).toEqual(before);
      expect(await queryRows(db.url, `SELECT md5(string_agg(name_lower || sha256, ',' ORDER BY name_lower)) s FROM index_files`)).toEqual([state]);
    });
  }

  it("is followed by a sync that completes", async () => {
    const summary = await syncIndex(db.url, { source: { kind: "dir", dir } });
    expect(summary).toMatchObject({ changed: 111, removed: 111 });
    const [crates] = await queryRows<{ n: number }>(db.url, `SELECT count(*)::int n FROM crates WHERE removed_at IS NULL`);
    expect(crates!.n).toBe(111);
  });
});
