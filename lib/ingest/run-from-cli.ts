import { getEnv } from "../env";
import { IngestError } from "./ingest-error";
import { createProgress, type Progress } from "./progress";
import { IngestBusyError, LostConnectionError, type IngestRunRecord } from "./with-ingest-run";

/**
 * The shared end of the ingest and sync commands: runs against DATABASE_URL
 * with progress (a bar on a terminal, plain lines in logs, only timings with
 * --json), then prints the summary (JSON with the peak RSS, for benchmarks)
 * or says why nothing changed, exiting 1.
 */
export async function runFromCli<T extends IngestRunRecord>(options: {
  /** "Ingest" or "Index sync", for the failure messages. */
  name: string;
  json: boolean;
  run: (databaseUrl: string, progress: Progress) => Promise<T>;
  /** The success line, from the summary and its duration in seconds. */
  succeeded: (summary: T, seconds: string) => string;
}): Promise<void> {
  const { DATABASE_URL } = getEnv();
  const progress = createProgress({ mode: options.json ? "silent" : undefined });
  try {
    const summary = await options.run(DATABASE_URL, progress);
    progress.close();
    // maxRSS is in KiB: the process's peak resident memory.
    if (options.json) console.log(JSON.stringify({ ...summary, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    else console.log(options.succeeded(summary, (summary.durationMs / 1000).toFixed(1)));
  } catch (error) {
    progress.close();
    if (error instanceof IngestError) console.error(`${options.name} aborted, nothing changed: ${error.message}`);
    else if (error instanceof IngestBusyError) console.error(error.message);
    else if (error instanceof LostConnectionError) console.error(`${options.name} failed, nothing changed: ${error.message}`);
    else console.error(`${options.name} failed, nothing changed: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}
