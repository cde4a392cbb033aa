import { existsSync } from "node:fs";
import path from "node:path";
import { createProgress, type Progress } from "../ingest/progress";
import { runIngest } from "../ingest/run-ingest";
import { syncIndex, type IndexSource } from "../ingest/sync-index";
import type { WorkerConfig } from "./read-worker-config";

// The one place that says which job runs which ingest, when, and with what
// limits. start-worker.ts runs whatever is listed here and knows no job by name.

export const INDEX_SYNC_JOB = "index-sync";
export const DUMP_INGEST_JOB = "dump-ingest";

export interface JobContext {
  connectionString: string;
  /** Progress lines of the run (the worker prefixes the job's name). */
  log: (message: string) => void;
}

/** What a finished run reports to the worker's log, its job output and the search index hook. */
export interface JobOutcome {
  runId: number;
  /** One line for the log, e.g. "222 crates, 4284 versions". */
  description: string;
  counts: Record<string, number>;
}

export interface IngestJob {
  name: string;
  /** UTC cron expression. */
  cron: string;
  /** Where the job reads from, for the worker's start-up lines. */
  source: string;
  run(context: JobContext): Promise<JobOutcome>;
  /**
   * pg-boss fails a job still active after this long (a crashed worker's job
   * is retried then). It cannot stop the ingest itself, so it must be longer
   * than any healthy run: a job expired while its ingest still runs would be
   * retried into IngestBusyError.
   */
  expireInSeconds: number;
  /** Retries after a failed run (not after a skip), `retryDelaySeconds` apart, doubling. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** After IngestBusyError, queue another attempt this much later; null = leave it to the next cron tick. */
  retryWhenBusyAfterSeconds: number | null;
  /** Jobs that go first: while one of them is waiting, this job skips its run. */
  yieldsTo: readonly string[];
  /**
   * False for a job that changes no registry data (e.g. refreshing remote
   * filter lists): no search push and no curation refresh after it. Default true.
   */
  ingests?: boolean;
}

export interface IngestJobs {
  /** Jobs this worker schedules and runs. */
  scheduled: IngestJob[];
  /** Jobs left out, with the reason for the start-up log. */
  notScheduled: { name: string; reason: string }[];
}

export function ingestJobs(config: WorkerConfig): IngestJobs {
  const jobs: IngestJobs = { scheduled: [], notScheduled: [] };
  const { indexDir, dumpSource } = config;

  if (indexDir) {
    jobs.scheduled.push({
      name: INDEX_SYNC_JOB,
      cron: config.indexCron,
      source: indexDir,
      run: (context) => syncIndexJob(context, indexSource(indexDir)),
      expireInSeconds: 2 * 60 * 60,
      // The next cron tick, minutes away, is the retry.
      retryLimit: 0,
      retryDelaySeconds: 0,
      retryWhenBusyAfterSeconds: null,
      // The index sync runs every few minutes and can run back to back; the
      // daily dump, refused while it runs, would otherwise never get its turn.
      yieldsTo: [DUMP_INGEST_JOB],
    });
  } else {
    jobs.notScheduled.push({ name: INDEX_SYNC_JOB, reason: "INDEX_DIR is not set" });
  }

  if (dumpSource) {
    jobs.scheduled.push({
      name: DUMP_INGEST_JOB,
      cron: config.dumpCron,
      source: dumpSource,
      run: (context) => ingestDump(context, dumpSource),
      expireInSeconds: 12 * 60 * 60,
      retryLimit: 3,
      retryDelaySeconds: 15 * 60,
      retryWhenBusyAfterSeconds: 2 * 60,
      yieldsTo: [],
    });
  } else {
    jobs.notScheduled.push({ name: DUMP_INGEST_JOB, reason: "DUMP_SOURCE is not set" });
  }
  return jobs;
}

/** A git checkout is pulled and synced by `git diff`; any other directory by size, mtime and hash. */
export function indexSource(dir: string): IndexSource {
  return existsSync(path.join(dir, ".git")) ? { kind: "git", dir, pull: true } : { kind: "dir", dir };
}

/** Runs `work` with plain progress lines every 30 s in the job's log (a worker has no terminal). */
async function withJobProgress<T>(log: (message: string) => void, work: (progress: Progress) => Promise<T>): Promise<T> {
  const progress = createProgress({ mode: "lines", intervalMs: 30_000, stream: { write: (chunk: string) => log(chunk.trimEnd()) } });
  try {
    return await work(progress);
  } finally {
    progress.close();
  }
}

async function syncIndexJob({ connectionString, log }: JobContext, source: IndexSource): Promise<JobOutcome> {
  const s = await withJobProgress(log, (progress) => syncIndex(connectionString, { source, log, progress }));
  return {
    runId: s.runId,
    description: `checked ${s.checked} files, ${s.changed} changed, ${s.removed} crates removed upstream`,
    counts: { checked: s.checked, changed: s.changed, removed: s.removed, versions: s.versions, dependencies: s.dependencies },
  };
}

// A URL is streamed by the ingest itself (lib/ingest/open-dump-source.ts), never stored.
async function ingestDump({ connectionString, log }: JobContext, dumpPath: string): Promise<JobOutcome> {
  const s = await withJobProgress(log, (progress) => runIngest(connectionString, { dumpPath, log, progress }));
  return {
    runId: s.runId,
    description: `${s.crates} crates, ${s.versions} versions, ${s.dependencies} dependencies`,
    counts: { crates: s.crates, removed: s.removed, versions: s.versions, dependencies: s.dependencies },
  };
}
