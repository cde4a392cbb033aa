import { spawn } from "node:child_process";
import path from "node:path";
import PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { INDEX_SYNC_JOB } from "./ingest-jobs";
import { QUIET_CRON, waitFor } from "./worker-test-helpers";

// `npm run worker` as an operator runs it: refuses to start without a source,
// and on SIGTERM lets the running job finish before it exits.

const root = path.resolve(import.meta.dirname, "../..");

interface Worker {
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill: (signal: NodeJS.Signals) => void;
}

function startCli(env: Record<string, string | undefined>): Worker {
  const merged: Record<string, string | undefined> = { ...process.env, INDEX_DIR: undefined, DUMP_SOURCE: undefined, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const child = spawn("node", ["--import", "tsx", "lib/worker/cli.ts"], { cwd: root, env: merged as NodeJS.ProcessEnv });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return {
    output: () => output,
    exited: new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code, signal) => resolve({ code, signal }));
    }),
    kill: (signal) => child.kill(signal),
  };
}

describe("npm run worker", () => {
  const url = "postgresql://postgres@127.0.0.1:5432/not_used";

  it("refuses to start with no source configured, or a bad setting (exit code 2, the reason)", async () => {
    // Started together: each pays tsx's start-up.
    const noSource = startCli({ DATABASE_URL: url });
    const badCron = startCli({ DATABASE_URL: url, INDEX_DIR: fixtureIndexDir, WORKER_INDEX_CRON: "*/5 * * *" });
    expect(await noSource.exited).toEqual({ code: 2, signal: null });
    expect(noSource.output()).toContain("Worker not started: nothing to schedule. Set INDEX_DIR");
    expect(noSource.output()).toContain("DUMP_SOURCE");
    // The other settings' checks: read-worker-config.test.ts.
    expect(await badCron.exited).toEqual({ code: 2, signal: null });
    expect(badCron.output()).toContain('Worker not started: WORKER_INDEX_CRON="*/5 * * *": expected 5 cron fields');
  });
});

// pg-boss needs several connections at once: a real server only.
describe.skipIf(!inject("postgresAdminUrl"))("npm run worker, stopped while a job runs", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("finishes the running job on SIGTERM, then exits 0", async () => {
    const cli = startCli({ DATABASE_URL: db.url, INDEX_DIR: fixtureIndexDir, WORKER_INDEX_CRON: QUIET_CRON });
    try {
      await waitFor("the worker to start", async () => cli.output().includes("worker started"), 30_000);
      expect(cli.output()).toMatch(/dump-ingest: not run by this worker \(DUMP_SOURCE is not set\)/);

      // Another process sends the job, as an operator or a second worker would.
      const sender = new PgBoss({ connectionString: db.url, supervise: false, schedule: false });
      await sender.start();
      await sender.send(INDEX_SYNC_JOB, {});
      await sender.stop({ graceful: false });

      await waitFor("the job to start", async () => cli.output().includes(`${INDEX_SYNC_JOB} started`));
      cli.kill("SIGTERM");
      expect(await cli.exited).toEqual({ code: 0, signal: null });

      const out = cli.output();
      expect(out).toMatch(/SIGTERM: stopping/);
      const succeeded = out.indexOf(`${INDEX_SYNC_JOB} succeeded after`);
      expect(succeeded).toBeGreaterThan(out.indexOf("SIGTERM: stopping"));
      expect(out.indexOf("worker stopped")).toBeGreaterThan(succeeded);
      const runs = await queryRows<{ status: string }>(db.url, "SELECT status FROM ingest_runs");
      expect(runs).toEqual([{ status: "succeeded" }]);
      const [job] = await queryRows<{ state: string }>(db.url, "SELECT state::text FROM pgboss.job WHERE name = $1", [INDEX_SYNC_JOB]);
      expect(job!.state).toBe("completed");
    } finally {
      cli.kill("SIGKILL");
    }
  });
});
