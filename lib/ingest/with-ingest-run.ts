import pg from "pg";
import { createProgress, type PhaseSummary, type Progress } from "./progress";

// Any constant works; every ingest process must use the same one.
const INGEST_LOCK_KEY = 72_707_370;

export class IngestBusyError extends Error {}

export interface IngestRunOptions {
  /** What the run reads, as recorded in ingest_runs and shown on the status page. */
  source: string;
  log?: (message: string) => void;
  /** Shows each phase's progress; default: timings only. */
  progress?: Progress;
}

export interface IngestRunContext {
  /** Inside the run's transaction. */
  client: pg.Client;
  /** The caller's log, each line prefixed with the seconds since the run began. */
  log: (message: string) => void;
  progress: Progress;
}

export interface IngestRunRecord {
  runId: number;
  /** How long each phase took, in order (also stored with the run). */
  phases: PhaseSummary[];
  durationMs: number;
}

/**
 * Runs `work` as one recorded ingest run: takes the ingest lock (a second
 * concurrent run is refused with IngestBusyError), marks runs left "running"
 * by a killed process as interrupted, records this run in ingest_runs, runs
 * `work` in ONE transaction (readers see the old data until it commits; a
 * failure or a kill changes nothing), and closes the row with `counts` and the
 * phases' durations, or with the error. Full loads and index syncs share the
 * lock, so they never interleave.
 */
export async function withIngestRun<T>(
  connectionString: string,
  options: IngestRunOptions,
  work: (context: IngestRunContext) => Promise<{ result: T; counts: Record<string, unknown> }>,
): Promise<T & IngestRunRecord> {
  const started = Date.now();
  const log = (message: string) => options.log?.(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
  const progress = options.progress ?? createProgress({ mode: "silent" });
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [INGEST_LOCK_KEY]);
    if (!lock[0]?.ok) throw new IngestBusyError("Another ingest is running against this database; try again when it has finished.");
    // Holding the lock, no other run is alive: a "running" row is one that was killed.
    await client.query(
      `UPDATE ingest_runs SET status = 'failed', error = 'interrupted: the process ended before the run finished; nothing it staged was kept'
       WHERE status = 'running'`,
    );
    const { rows: run } = await client.query<{ id: number }>(
      `INSERT INTO ingest_runs (source, status) VALUES ($1, 'running') RETURNING id`,
      [options.source],
    );
    const runId = run[0]!.id;
    try {
      await client.query("BEGIN");
      let outcome;
      try {
        outcome = await work({ client, log, progress });
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw error;
      }
      const phases = progress.summary();
      const durations = Object.fromEntries(phases.map((p) => [p.name, p.durationMs]));
      await client.query(`UPDATE ingest_runs SET status = 'succeeded', finished_at = now(), counts = $2 WHERE id = $1`, [
        runId,
        JSON.stringify({ ...outcome.counts, durations }),
      ]);
      return { ...outcome.result, runId, phases, durationMs: Date.now() - started };
    } catch (error) {
      await client.query(`UPDATE ingest_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
        runId,
        (error as Error).message,
      ]);
      throw error;
    }
  } finally {
    await client.end();
  }
}
