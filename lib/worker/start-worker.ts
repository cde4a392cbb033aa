import PgBoss from "pg-boss";
import { IngestBusyError } from "../ingest/with-ingest-run";
import type { IngestJob, JobOutcome } from "./ingest-jobs";
import { refreshCurationForConnection } from "../curation/refresh-curation";
import { refreshUsageStatsForConnection } from "../usage/refresh-usage-stats";
import { updateSearchIndex } from "./update-search-index";

// A worker: pg-boss on the site's database (its tables live in the `pgboss`
// schema, created by boss.start()), one queue per ingest job. Every worker
// writes the same schedules and works the same queues; pg-boss's locking
// decides which worker gets each job, and the "stately" queue policy keeps at
// most one job of a name active (and one waiting) across all workers.

export interface StartWorkerOptions {
  connectionString: string;
  jobs: IngestJob[];
  /** How often an idle worker asks for work; pg-boss's default is 2 s. */
  pollingIntervalSeconds?: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  boss: PgBoss;
  /**
   * Stops taking jobs, waits up to `timeoutMs` for the running one, then
   * closes. A job still running at the timeout is failed in pg-boss (and
   * retried by whichever worker is up); its ingest leaves the data as it was.
   */
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

/** What a finished job leaves as its pg-boss output (the status page reads `result`). */
export type JobOutput =
  | ({ result: "succeeded"; runId: number } & Record<string, number | string>)
  | { result: "skipped"; reason: string };

// How a job yields to the jobs in its `yieldsTo`: it skips its run while one
// of them is waiting (due now, or soon: a retry after IngestBusyError) or
// running. A running one is presumed dead after an hour (its worker crashed;
// pg-boss expires the job later) and holds nothing back then; the hour covers
// what a job does before it takes the ingest lock.
const YIELD_TO_DUE_WITHIN_MS = 5 * 60 * 1000;
const YIELD_TO_ACTIVE_FOR_MS = 60 * 60 * 1000;

export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? ((line: string) => console.log(line));
  const boss = new PgBoss({ connectionString: options.connectionString, max: 4, application_name: "cratelist-worker" });
  // pg-boss reports trouble in its background loops (maintenance, polling) here;
  // it keeps going and retries, so this is logged, not thrown.
  boss.on("error", (error) => log(`pg-boss: ${error.message}`));
  await boss.start();
  try {
    await setUpJobs(boss, options);
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  const running = new Set<string>();
  for (const job of options.jobs) {
    await boss.work<object>(
      job.name,
      { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([item]) => {
        if (!item) return;
        running.add(job.name);
        try {
          return await runJob(boss, job, item, options.connectionString, log);
        } finally {
          running.delete(job.name);
        }
      },
    );
  }

  return {
    boss,
    async stop({ timeoutMs = 30_000 } = {}) {
      if (running.size > 0) log(`stopping: waiting up to ${Math.round(timeoutMs / 1000)} s for ${[...running].join(", ")} to finish`);
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}

async function setUpJobs(boss: PgBoss, options: StartWorkerOptions): Promise<void> {
  for (const job of options.jobs) {
    const queue: PgBoss.Queue = {
      name: job.name,
      policy: "stately",
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelaySeconds,
      retryBackoff: job.retryDelaySeconds > 0,
      expireInSeconds: job.expireInSeconds,
    };
    // createQueue leaves an existing queue as it is; updateQueue brings its
    // settings up to date with this code.
    await boss.createQueue(job.name, queue);
    await boss.updateQueue(job.name, queue);
    await boss.schedule(job.name, job.cron, {}, { tz: "UTC" });
  }
}

async function runJob(
  boss: PgBoss,
  job: IngestJob,
  item: PgBoss.JobWithMetadata<object>,
  connectionString: string,
  log: (line: string) => void,
): Promise<JobOutput> {
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const attempt = item.retryLimit > 0 ? `attempt ${item.retryCount + 1} of ${item.retryLimit + 1}, ` : "";
  log(`${job.name} started (${attempt}job ${item.id})`);

  const waiting = await waitingJob(boss, job.yieldsTo);
  if (waiting) {
    const reason = `${waiting} is due or running and goes first`;
    log(`${job.name} skipped after ${took()}: ${reason}`);
    return { result: "skipped", reason };
  }

  let outcome: JobOutcome;
  try {
    outcome = await job.run({ connectionString, log: (message) => log(`${job.name}: ${message}`) });
    if (job.ingests !== false) {
      await updateSearchIndex(outcome, (message) => log(`${job.name}: ${message}`));
      // Heuristics, verdicts and usage figures follow the new registry data; a
      // failure is logged and retried by the next run, it does not fail this one.
      await refreshCurationForConnection(connectionString, (message) => log(`${job.name}: ${message}`));
      await refreshUsageStatsForConnection(connectionString, (message) => log(`${job.name}: ${message}`));
    }
  } catch (error) {
    if (error instanceof IngestBusyError) {
      // Not a failure: another process holds the ingest lock. Failing the job
      // would burn its retries and report a crash every few minutes.
      let reason = "another ingest is running on this database";
      if (job.retryWhenBusyAfterSeconds !== null) {
        const id = await boss.sendAfter(job.name, {}, {}, job.retryWhenBusyAfterSeconds);
        reason += id ? `; tries again in ${job.retryWhenBusyAfterSeconds} s` : "; another attempt is already queued";
      }
      log(`${job.name} skipped after ${took()}: ${reason}`);
      return { result: "skipped", reason };
    }
    const retry = item.retryCount < item.retryLimit ? "; pg-boss retries it later" : "";
    log(`${job.name} failed after ${took()}: ${(error as Error).message}${retry}`);
    throw error;
  }
  log(`${job.name} succeeded after ${took()}: ingest run ${outcome.runId}, ${outcome.description}`);
  return { result: "succeeded", runId: outcome.runId, ...outcome.counts };
}

/** The first of `names` with a job waiting or running (see YIELD_TO_*). */
async function waitingJob(boss: PgBoss, names: readonly string[]): Promise<string | null> {
  if (names.length === 0) return null;
  const { rows } = await boss.getDb().executeSql(
    `SELECT name FROM pgboss.job
     WHERE name = ANY($1::text[])
       AND ((state < 'active' AND start_after < now() + $2 * interval '1 millisecond')
         OR (state = 'active' AND started_on > now() - $3 * interval '1 millisecond'))
     ORDER BY name LIMIT 1`,
    [names, YIELD_TO_DUE_WITHIN_MS, YIELD_TO_ACTIVE_FOR_MS],
  );
  return (rows[0] as { name: string } | undefined)?.name ?? null;
}
