import { parseArgs } from "node:util";
import { getEnv } from "../env";
import { IngestError } from "./ingest-error";
import { createProgress } from "./progress";
import { IngestBusyError, runIngest } from "./run-ingest";

// `npm run ingest -- --index <dir> --dump <file.tar.gz | https URL> [--json]`
const usage = "usage: npm run ingest -- [--index <index dir>] [--dump <db-dump.tar.gz | https URL>] [--json]";

let args;
try {
  args = parseArgs({
    options: { index: { type: "string" }, dump: { type: "string" }, json: { type: "boolean", default: false }, help: { type: "boolean" } },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.help || (!args.index && !args.dump)) {
  console.error(usage);
  process.exit(args.help ? 0 : 2);
}

const { DATABASE_URL } = getEnv();
// A bar on a terminal, plain lines in logs; with --json only the timings, printed in the summary.
const progress = createProgress({ mode: args.json ? "silent" : undefined });
try {
  const summary = await runIngest(DATABASE_URL, { indexDir: args.index, dumpPath: args.dump, log: progress.log, progress });
  progress.close();
  // maxRSS is in KiB: the process's peak resident memory, for benchmarks.
  if (args.json) console.log(JSON.stringify({ ...summary, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  else
    console.log(
      `Ingest run ${summary.runId} succeeded in ${(summary.durationMs / 1000).toFixed(1)} s: ` +
        `${summary.crates} crates, ${summary.versions} versions, ${summary.dependencies} dependencies.`,
    );
} catch (error) {
  progress.close();
  if (error instanceof IngestError) {
    console.error(`Ingest aborted, nothing changed: ${error.message}`);
  } else if (error instanceof IngestBusyError) {
    console.error(error.message);
  } else {
    console.error(`Ingest failed, nothing changed: ${(error as Error).stack ?? error}`);
  }
  process.exit(1);
}
