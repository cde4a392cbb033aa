import type { JobOutcome } from "./ingest-jobs";
import { queryRows } from "../../test/query-rows";

// Shared by the worker's tests only.

/** A cron that does not fire while a test runs (midnight on January 1st), so only the jobs a test sends run. */
export const QUIET_CRON = "0 0 1 1 *";

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface JobRow {
  id: string;
  state: string;
  output: Record<string, unknown> | null;
  start_after: Date;
}

/** Every pg-boss job of `name`, oldest first (archived ones excluded: tests finish long before archiving). */
export function jobRows(url: string, name: string): Promise<JobRow[]> {
  return queryRows<JobRow>(url, `SELECT id, state::text, output, start_after FROM pgboss.job WHERE name = $1 ORDER BY created_on, id`, [name]);
}

/** The job once it has reached a final state. */
export function waitForJobDone(url: string, name: string, id: string): Promise<JobRow> {
  return waitFor(`job ${name} ${id} to finish`, async () => {
    const job = (await jobRows(url, name)).find((j) => j.id === id);
    return job && ["completed", "failed", "cancelled"].includes(job.state) ? job : undefined;
  });
}

/** What a test job that does no ingest reports. */
export const emptySummary: JobOutcome = { runId: 0, description: "nothing", counts: {} };
