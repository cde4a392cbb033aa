import pg from "pg";

// Any constant works; every ingest process must use the same one.
const INGEST_LOCK_KEY = 72_707_370;

export class IngestBusyError extends Error {}

export interface IngestRunOutcome {
  /** Stored in ingest_runs.counts. */
  counts: Record<string, unknown>;
}

/**
 * Runs `work` as one recorded ingest run: takes the ingest lock (a second
 * concurrent run is refused with IngestBusyError), marks runs left "running"
 * by a killed process as interrupted, records this run in ingest_runs and
 * closes the row with the counts or the error. Full loads and index syncs
 * share the lock, so they never interleave.
 */
export async function withIngestRun<T extends IngestRunOutcome>(
  connectionString: string,
  source: string,
  work: (client: pg.Client, runId: number) => Promise<T>,
): Promise<T & { runId: number }> {
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
      [source],
    );
    const runId = run[0]!.id;
    try {
      const outcome = await work(client, runId);
      await client.query(`UPDATE ingest_runs SET status = 'succeeded', finished_at = now(), counts = $2 WHERE id = $1`, [
        runId,
        JSON.stringify(outcome.counts),
      ]);
      return { ...outcome, runId };
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
