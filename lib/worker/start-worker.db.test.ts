import { readFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureDumpPath, fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { DUMP_INGEST_JOB, INDEX_SYNC_JOB, ingestJobs, type IngestJob } from "./ingest-jobs";
import { startWorker, type RunningWorker } from "./start-worker";
import { emptySummary, jobRows, QUIET_CRON, waitFor, waitForJobDone } from "./worker-test-helpers";

// Two workers on one database, as on two machines: a job sent once runs once,
// the queue policy keeps one job of a name running at a time, and an ingest
// refused because another one runs ends as "skipped", not as a failure.
// pg-boss needs several connections at once: a real server only.

const realJobs = (dumpSource: string | null = null) =>
  ingestJobs({ indexDir: fixtureIndexDir, dumpSource, indexCron: QUIET_CRON, dumpCron: QUIET_CRON }).scheduled;

describe.skipIf(!inject("postgresAdminUrl"))("startWorker", () => {
  let db: TestDatabase;
  let workers: RunningWorker[] = [];
  const logs: string[][] = [];

  async function startWorkers(count: number, jobs: IngestJob[]): Promise<RunningWorker[]> {
    const started: RunningWorker[] = [];
    for (let i = 0; i < count; i++) {
      const lines: string[] = [];
      logs.push(lines);
      // Started one after the other: each creates the queues and schedules, as every real worker does.
      started.push(await startWorker({ connectionString: db.url, jobs, pollingIntervalSeconds: 0.5, log: (line) => lines.push(line) }));
    }
    workers.push(...started);
    return started;
  }
  const allLogs = () => logs.flat();

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterEach(async () => {
    await Promise.all(workers.map((w) => w.stop({ timeoutMs: 5000 })));
    workers = [];
    logs.length = 0;
    // Each test starts from empty queues.
    await queryRows(db.url, "DELETE FROM pgboss.job");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("runs a job sent once exactly once, through runIngest, with two workers polling", async () => {
    const [a, b] = await startWorkers(2, realJobs());
    const id = await a!.boss.send(INDEX_SYNC_JOB, {});
    expect(id).toBeTruthy();
    const job = await waitForJobDone(db.url, INDEX_SYNC_JOB, id!);
    // Several more polls of both workers: nothing else may start.
    await new Promise((resolve) => setTimeout(resolve, 2000));

    expect(job.state).toBe("completed");
    const runs = await queryRows<{ id: number; status: string; source: string }>(db.url, "SELECT id, status, source FROM ingest_runs");
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "succeeded", source: `index-sync:dir:${fixtureIndexDir}` });
    expect(job.output).toMatchObject({ result: "succeeded", runId: runs[0]!.id, checked: 222, changed: 222 });
    const [crates] = await queryRows<{ n: number }>(db.url, "SELECT count(*)::int n FROM crates");
    expect(crates!.n).toBe(222);
    expect(allLogs().filter((l) => l.startsWith(`${INDEX_SYNC_JOB} started`))).toHaveLength(1);
    expect(allLogs().filter((l) => l.startsWith(`${INDEX_SYNC_JOB} succeeded after `))).toHaveLength(1);
    expect(allLogs().join("\n")).not.toMatch(/skipped|failed/);
    // Both workers wrote the same schedule; pg-boss keeps one.
    expect(await b!.boss.getSchedules()).toEqual([expect.objectContaining({ name: INDEX_SYNC_JOB, cron: QUIET_CRON })]);
  });

  it("runs one job of a name at a time across workers and keeps at most one waiting", async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const slow: IngestJob = {
      ...realJobs()[0]!,
      name: "slow-test-job",
      async run() {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((resolve) => setTimeout(resolve, 1500));
        active--;
        runs++;
        return emptySummary;
      },
    };
    const [a, b] = await startWorkers(2, [slow]);
    const first = await a!.boss.send(slow.name, {});
    await waitFor("the first job to start", async () => active === 1);
    // While it runs, from both workers: one more is queued, the rest refused.
    const more = [await a!.boss.send(slow.name, {}), await b!.boss.send(slow.name, {}), await a!.boss.send(slow.name, {})];
    expect(more.filter(Boolean)).toHaveLength(1);

    await waitForJobDone(db.url, slow.name, first!);
    await waitForJobDone(db.url, slow.name, more.find(Boolean)!);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });

  it("ends a job refused by a running ingest as skipped; the dump job tries again later", async () => {
    const [a] = await startWorkers(1, realJobs(fixtureDumpPath));
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      // The ingest's own lock (lib/ingest), as another ingest process holds it.
      await holder.query("SELECT pg_advisory_lock(72707370)");
      const [before] = await queryRows<{ n: number }>(db.url, "SELECT count(*)::int n FROM ingest_runs");

      const indexJob = await waitForJobDone(db.url, INDEX_SYNC_JOB, (await a!.boss.send(INDEX_SYNC_JOB, {}))!);
      expect(indexJob.state).toBe("completed");
      expect(indexJob.output).toMatchObject({ result: "skipped", reason: "another ingest is running on this database" });

      const dumpJob = await waitForJobDone(db.url, DUMP_INGEST_JOB, (await a!.boss.send(DUMP_INGEST_JOB, {}))!);
      expect(dumpJob.state).toBe("completed");
      expect(dumpJob.output).toMatchObject({ result: "skipped", reason: expect.stringMatching(/tries again in 120 s$/) });
      const retry = (await jobRows(db.url, DUMP_INGEST_JOB)).filter((j) => j.state === "created");
      expect(retry).toHaveLength(1);
      expect(retry[0]!.start_after.getTime()).toBeGreaterThan(Date.now() + 100_000);

      const [after] = await queryRows<{ n: number }>(db.url, "SELECT count(*)::int n FROM ingest_runs");
      expect(after!.n).toBe(before!.n);
      expect(allLogs()).toContainEqual(expect.stringMatching(/^index-sync skipped after \d+\.\d s: another ingest is running/));
      expect(allLogs().join("\n")).not.toMatch(/failed/);
    } finally {
      await holder.end();
    }
  });

  it("lets the index sync skip its turn while a dump ingest is due", async () => {
    const [a] = await startWorkers(1, realJobs(fixtureDumpPath));
    // A dump attempt due in a minute (as after a refusal) holds the index sync back.
    await a!.boss.sendAfter(DUMP_INGEST_JOB, {}, {}, 60);
    const indexJob = await waitForJobDone(db.url, INDEX_SYNC_JOB, (await a!.boss.send(INDEX_SYNC_JOB, {}))!);
    expect(indexJob.output).toMatchObject({ result: "skipped", reason: "dump-ingest is due or running and goes first" });
  });

  it("ingests a dump given by URL, streaming it", async () => {
    const tarball = await readFile(fixtureDumpPath);
    const server = http.createServer((_request, response) => response.writeHead(200, { "content-length": tarball.length }).end(tarball));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/db-dump.tar.gz`;
      const dumpJob = realJobs(url).find((j) => j.name === DUMP_INGEST_JOB)!;
      const [a] = await startWorkers(1, [dumpJob]);
      const job = await waitForJobDone(db.url, DUMP_INGEST_JOB, (await a!.boss.send(DUMP_INGEST_JOB, {}))!);
      expect(job.output).toMatchObject({ result: "succeeded", crates: 222 });
      const [run] = await queryRows<{ status: string; source: string }>(db.url, "SELECT status, source FROM ingest_runs ORDER BY id DESC LIMIT 1");
      expect(run!.status).toBe("succeeded");
      expect(run!.source).toBe(`dump:${url}`);
      expect(allLogs().some((l) => l.startsWith(`${DUMP_INGEST_JOB}: dump: crates: started`))).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("fails a job whose ingest fails, with the error in its output, and runs the next one", async () => {
    let calls = 0;
    const flaky: IngestJob = {
      ...realJobs()[0]!,
      name: "flaky-test-job",
      async run() {
        calls++;
        if (calls === 1) throw new Error("bad line at 3/s/serde:2");
        return emptySummary;
      },
    };
    const [a] = await startWorkers(1, [flaky]);
    const failed = await waitForJobDone(db.url, flaky.name, (await a!.boss.send(flaky.name, {}))!);
    expect(failed.state).toBe("failed");
    expect(failed.output).toMatchObject({ message: "bad line at 3/s/serde:2" });
    expect(allLogs()).toContainEqual(expect.stringMatching(/^flaky-test-job failed after \d+\.\d s: bad line at 3\/s\/serde:2$/));
    const next = await waitForJobDone(db.url, flaky.name, (await a!.boss.send(flaky.name, {}))!);
    expect(next.state).toBe("completed");
  });
});
