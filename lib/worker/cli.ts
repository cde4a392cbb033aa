import cronParser from "cron-parser";
import { getEnv } from "../env";
import { refreshRemoteListsJob } from "../curation/refresh-remote-lists-job";
import { ingestJobs } from "./ingest-jobs";
import { readWorkerConfig, WorkerConfigError } from "./read-worker-config";
import { startWorker } from "./start-worker";

// `npm run worker`: schedules and runs the ingest jobs until SIGINT/SIGTERM.
// Configuration is the environment only (see lib/worker/README.md).

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
const fail = (message: string, code: number): never => {
  console.error(message);
  process.exit(code);
};

let config;
try {
  config = readWorkerConfig(process.env);
} catch (error) {
  if (!(error instanceof WorkerConfigError)) throw error;
  fail(`Worker not started: ${error.message}`, 2);
}
const jobs = ingestJobs(config!);
if (jobs.scheduled.length === 0) {
  fail(
    "Worker not started: nothing to schedule. Set INDEX_DIR (a registry index checkout) and/or " +
      "DUMP_SOURCE (a database dump .tar.gz, as a path or an https URL); see lib/worker/README.md.",
    2,
  );
}

// Remote filter lists are refreshed by any worker that runs (lib/curation).
jobs.scheduled.push(refreshRemoteListsJob());

let databaseUrl = "";
try {
  databaseUrl = getEnv().DATABASE_URL;
} catch (error) {
  fail(`Worker not started: ${(error as Error).message}`, 2);
}

const stopTimeoutSeconds = Number(process.env.WORKER_STOP_TIMEOUT_SECONDS ?? 60);
if (!Number.isFinite(stopTimeoutSeconds) || stopTimeoutSeconds < 1) {
  fail(`Worker not started: WORKER_STOP_TIMEOUT_SECONDS=${process.env.WORKER_STOP_TIMEOUT_SECONDS}: expected a number of seconds >= 1`, 2);
}

let worker;
try {
  worker = await startWorker({ connectionString: databaseUrl, jobs: jobs.scheduled, log });
} catch (error) {
  fail(`Worker not started: ${(error as Error).stack ?? error}`, 1);
}

for (const job of jobs.scheduled) {
  const next = cronParser.parseExpression(job.cron, { tz: "UTC" }).next().toDate();
  log(`${job.name}: scheduled "${job.cron}" (UTC) from ${job.source}; next run ${next.toISOString()}`);
}
const schedules = await worker!.boss.getSchedules();
for (const { name, reason } of jobs.notScheduled) {
  const other = schedules.find((s) => s.name === name);
  log(
    `${name}: not run by this worker (${reason})` +
      (other ? `; another worker scheduled it ("${other.cron}"), and workers with a source for it run it` : ""),
  );
}
log(`worker started (pid ${process.pid}); stop with Ctrl-C or SIGTERM`);

let stopping = false;
const stop = async (signal: NodeJS.Signals) => {
  if (stopping) {
    // The ingest is crash-safe: leaving mid-run changes nothing but its own record.
    log(`${signal} again: exiting now; a running job is abandoned and pg-boss expires it later`);
    process.exit(130);
  }
  stopping = true;
  log(`${signal}: stopping (send it again to exit at once)`);
  try {
    await worker!.stop({ timeoutMs: stopTimeoutSeconds * 1000 });
    log("worker stopped");
    process.exit(0);
  } catch (error) {
    log(`stopping failed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
