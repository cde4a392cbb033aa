import cronParser from "cron-parser";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureDumpPath, fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { useTestPrisma } from "../../test/test-database";
import { DUMP_INGEST_JOB, INDEX_SYNC_JOB, ingestJobs, type IngestJob } from "./ingest-jobs";
import { listSchedule } from "./list-schedule";
import { startWorker, type RunningWorker } from "./start-worker";
import { QUIET_CRON, waitForJobDone } from "./worker-test-helpers";

describe("listSchedule without a worker", () => {
  const database = useTestPrisma({ seeded: false });

  it("is empty, not an error, when the pgboss schema does not exist", async () => {
    expect(await listSchedule(database.prisma)).toEqual([]);
  });
});

// pg-boss needs several connections at once: a real server only.
describe.skipIf(!inject("postgresAdminUrl"))("listSchedule after a worker started", () => {
  const database = useTestPrisma({ seeded: false });
  let worker: RunningWorker;
  const failing: IngestJob = {
    ...ingestJobs({ indexDir: fixtureIndexDir, dumpSource: null, indexCron: QUIET_CRON, dumpCron: QUIET_CRON }).scheduled[0]!,
    name: "failing-test-job",
    cron: "30 2 * * 1",
    async run() {
      throw new Error("data/crates.csv:7: bad row");
    },
  };
  const jobs = [
    ...ingestJobs({ indexDir: fixtureIndexDir, dumpSource: fixtureDumpPath, indexCron: "*/7 * * * *", dumpCron: QUIET_CRON }).scheduled,
    failing,
  ];

  beforeAll(async () => {
    worker = await startWorker({ connectionString: database.db.url, jobs, pollingIntervalSeconds: 0.5, log: () => {} });
  });
  afterAll(async () => {
    // Before the database goes: useTestPrisma's afterAll runs after this one.
    await worker?.stop({ timeoutMs: 5000 });
  });

  it("lists each schedule with its cron and next run time, and no run before the first", async () => {
    const now = new Date("2026-03-04T05:06:07Z");
    const schedule = await listSchedule(database.prisma, now);
    expect(schedule.map((s) => s.name)).toEqual([DUMP_INGEST_JOB, "failing-test-job", INDEX_SYNC_JOB]);
    const index = schedule.find((s) => s.name === INDEX_SYNC_JOB)!;
    expect(index).toEqual({ name: INDEX_SYNC_JOB, cron: "*/7 * * * *", timezone: "UTC", nextRunAt: new Date("2026-03-04T05:07:00Z"), lastRun: null });
    expect(schedule.find((s) => s.name === "failing-test-job")!.nextRunAt).toEqual(new Date("2026-03-09T02:30:00Z"));
    // Against the real clock too: the next run is in the future and matches the cron.
    const [live] = await listSchedule(database.prisma);
    expect(live!.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
    expect(live!.nextRunAt).toEqual(cronParser.parseExpression(QUIET_CRON, { tz: "UTC" }).next().toDate());
  });

  it("shows the last run of a job: succeeded with its times, failed with its error", async () => {
    const started = Date.now();
    const ok = await waitForJobDone(database.db.url, INDEX_SYNC_JOB, (await worker.boss.send(INDEX_SYNC_JOB, {}))!);
    expect(ok.state).toBe("completed");
    await waitForJobDone(database.db.url, failing.name, (await worker.boss.send(failing.name, {}))!);

    const schedule = await listSchedule(database.prisma);
    const index = schedule.find((s) => s.name === INDEX_SYNC_JOB)!;
    expect(index.lastRun).toMatchObject({ state: "succeeded", detail: null });
    expect(index.lastRun!.startedAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
    expect(index.lastRun!.finishedAt!.getTime()).toBeGreaterThanOrEqual(index.lastRun!.startedAt.getTime());
    expect(schedule.find((s) => s.name === failing.name)!.lastRun).toMatchObject({ state: "failed", detail: "data/crates.csv:7: bad row" });
    expect(schedule.find((s) => s.name === DUMP_INGEST_JOB)!.lastRun).toBeNull();
  });

  it("finds the last run after pg-boss archived it, and tells a skipped run from a successful one", async () => {
    const holder = new pg.Client({ connectionString: database.db.url });
    await holder.connect();
    try {
      // The ingest's own lock (lib/ingest), as another ingest process holds it.
      await holder.query("SELECT pg_advisory_lock(72707370)");
      await waitForJobDone(database.db.url, INDEX_SYNC_JOB, (await worker.boss.send(INDEX_SYNC_JOB, {}))!);
    } finally {
      await holder.end();
    }
    await archiveFinishedJobs(database.db.url);
    const [left] = await queryRows<{ n: number }>(database.db.url, "SELECT count(*)::int n FROM pgboss.job WHERE name = $1", [INDEX_SYNC_JOB]);
    expect(left!.n).toBe(0);

    const schedule = await listSchedule(database.prisma);
    expect(schedule.find((s) => s.name === INDEX_SYNC_JOB)!.lastRun).toMatchObject({
      state: "skipped",
      detail: "another ingest is running on this database",
    });
    expect(schedule.find((s) => s.name === failing.name)!.lastRun).toMatchObject({ state: "failed" });
  });
});

// Moves every finished job to pgboss.archive, as pg-boss's maintenance does
// after 12 hours (the same statement, without the age condition).
async function archiveFinishedJobs(url: string): Promise<void> {
  const columns =
    "id, name, priority, data, state, retry_limit, retry_count, retry_delay, retry_backoff, start_after, started_on, " +
    "singleton_key, singleton_on, expire_in, created_on, completed_on, keep_until, dead_letter, policy, output";
  await queryRows(
    url,
    `WITH moved AS (DELETE FROM pgboss.job WHERE state >= 'completed' RETURNING *)
     INSERT INTO pgboss.archive (${columns}) SELECT ${columns} FROM moved`,
  );
}
