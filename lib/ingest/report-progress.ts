import pg from "pg";
import type { Progress } from "./progress";

/** How often a running ingest writes its progress to its ingest_runs row. */
export const PROGRESS_EVERY_MS = 2_000;

export interface ProgressReporter {
  /** Stops writing; resolves once the last write has ended and the connection is closed. */
  stop(): Promise<void>;
}

/**
 * Writes `progress.current()` (the current phase as a log line) to the run's
 * ingest_runs row every `everyMs`, for the status page. The run's own
 * connection is inside its transaction, which readers cannot see into, so
 * this uses a connection of its own, opened at the first write. Best effort:
 * a failed write stops the reporting with one log line and never fails the
 * run. Writes only touch a row still "running", so a late one cannot undo the
 * run's final record.
 */
export function reportProgress(
  connectionString: string,
  runId: number,
  progress: Progress,
  options: { everyMs?: number; log?: (message: string) => void } = {},
): ProgressReporter {
  const client = new pg.Client({ connectionString });
  let connecting: Promise<unknown> | undefined;
  let writing: Promise<void> | undefined;
  let failed = false;
  const giveUp = (error: unknown) => {
    if (failed) return;
    failed = true;
    options.log?.(`Progress is no longer shown on the status page: ${(error as Error).message}`);
  };
  // A connection lost between writes is reported as an event; unheard, it would end the process.
  client.on("error", giveUp);

  async function write(line: string): Promise<void> {
    connecting ??= client.connect();
    await connecting;
    await client.query(`UPDATE ingest_runs SET progress = $2, progress_at = now() AT TIME ZONE 'UTC' WHERE id = $1 AND status = 'running'`, [runId, line]);
  }

  const timer = setInterval(() => {
    const line = progress.current();
    if (writing || failed || line === null) return;
    writing = write(line)
      .catch(giveUp)
      .finally(() => {
        writing = undefined;
      });
  }, options.everyMs ?? PROGRESS_EVERY_MS);
  // Reporting must never keep the process alive.
  timer.unref();

  return {
    async stop() {
      clearInterval(timer);
      await writing;
      if (connecting) await client.end().catch(() => {});
    },
  };
}
