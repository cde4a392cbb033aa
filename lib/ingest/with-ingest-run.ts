import pg from "pg";
import { INGEST_LOCK_KEY } from "./ingest-lock";
import { isEmbedded } from "./is-embedded";
import { createProgress, type PhaseSummary, type Progress } from "./progress";
import { reportProgress } from "./report-progress";

export class IngestBusyError extends Error {}

/** The server dropped the run's connection; the run is rolled back, and recorded as interrupted by the next one. */
export class LostConnectionError extends Error {}

export interface IngestRunOptions {
  /** What the run reads, as recorded in ingest_runs and shown on the status page. */
  source: string;
  log?: (message: string) => void;
  /** Shows each phase's progress; default: timings only. */
  progress?: Progress;
  /** How often the current phase is written to the run's row for the status page (report-progress.ts); tests shorten it. */
  progressEveryMs?: number;
}

export interface IngestRunContext {
  /** Inside the run's transaction. */
  client: pg.Client;
  /** The caller's log, each line prefixed with the seconds since the run began. */
  log: (message: string) => void;
  progress: Progress;
  /** The embedded PGlite server (one connection, no COPY FROM STDIN) rather than a real PostgreSQL. */
  embedded: boolean;
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
 * by a killed process as interrupted (with the last progress they wrote),
 * records this run in ingest_runs (its current phase written every few
 * seconds from another connection, for the status page), runs
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
  // A connection the server drops (a restart, pg_terminate_backend) is reported
  // as an event, which unheard would end the process; the run fails with it instead.
  let lost: Error | null = null;
  client.on("error", (error) => (lost ??= error));
  const failure = (error: unknown) =>
    lost && !(error instanceof LostConnectionError) ? new LostConnectionError(`the database connection was lost: ${lost.message}`, { cause: error }) : error;
  await client.connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [INGEST_LOCK_KEY]);
    if (!lock[0]?.ok) throw new IngestBusyError("Another ingest is running against this database; try again when it has finished.");
    // The embedded server takes one connection at a time: no progress on the status page there.
    const embedded = await isEmbedded(client);
    // Holding the lock, no other run is alive: a "running" row is one that was killed.
    await client.query(
      `UPDATE ingest_runs SET status = 'failed', progress = NULL, progress_at = NULL,
         error = 'interrupted: the process ended before the run finished; nothing it staged was kept'
           || COALESCE(' (last seen at ' || to_char(progress_at, 'YYYY-MM-DD HH24:MI:SS') || ' UTC: ' || progress || ')', '')
       WHERE status = 'running'`,
    );
    const { rows: run } = await client.query<{ id: number }>(
      `INSERT INTO ingest_runs (source, status) VALUES ($1, 'running') RETURNING id`,
      [options.source],
    );
    const runId = run[0]!.id;
    const reporter = embedded ? null : reportProgress(connectionString, runId, progress, { everyMs: options.progressEveryMs, log });
    try {
      await client.query("BEGIN");
      let outcome;
      try {
        outcome = await work({ client, log, progress, embedded });
        await client.query("COMMIT");
      } catch (error) {
        // A lost connection has rolled back by itself.
        if (!lost) await client.query("ROLLBACK");
        throw failure(error);
      } finally {
        await reporter?.stop();
      }
      const phases = progress.summary();
      const durations = Object.fromEntries(phases.map((p) => [p.name, p.durationMs]));
      await client.query(`UPDATE ingest_runs SET status = 'succeeded', finished_at = now(), counts = $2, progress = NULL, progress_at = NULL WHERE id = $1`, [
        runId,
        JSON.stringify({ ...outcome.counts, durations }),
      ]);
      return { ...outcome.result, runId, phases, durationMs: Date.now() - started };
    } catch (error) {
      // Without a connection the row stays "running": the next run records it as interrupted.
      if (!lost) {
        await client.query(`UPDATE ingest_runs SET status = 'failed', finished_at = now(), error = $2, progress = NULL, progress_at = NULL WHERE id = $1`, [
          runId,
          (error as Error).message,
        ]);
      }
      throw failure(error);
    }
  } finally {
    await client.end().catch(() => {});
  }
}
