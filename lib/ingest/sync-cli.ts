import { parseArgs } from "node:util";
import { getEnv } from "../env";
import { IngestError } from "./ingest-error";
import { createProgress } from "./progress";
import { syncIndex, type IndexSource } from "./sync-index";
import { IngestBusyError } from "./with-ingest-run";

// `npm run sync:index -- --dir <index dir> | --git <checkout> [--pull] | --sparse <url> [--json]`
const usage =
  "usage: npm run sync:index -- (--dir <index dir> | --git <git checkout> [--pull] | --sparse <index URL>) [--json]";

let args;
try {
  args = parseArgs({
    options: {
      dir: { type: "string" },
      git: { type: "string" },
      pull: { type: "boolean", default: false },
      sparse: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean" },
    },
    strict: true,
  }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const given = [args.dir, args.git, args.sparse].filter(Boolean).length;
if (args.help || given !== 1) {
  console.error(given > 1 ? `Give one source, not ${given}.\n${usage}` : usage);
  process.exit(args.help ? 0 : 2);
}
const source: IndexSource = args.dir
  ? { kind: "dir", dir: args.dir }
  : args.git
    ? { kind: "git", dir: args.git, pull: args.pull }
    : { kind: "sparse", url: args.sparse! };

const { DATABASE_URL } = getEnv();
// A bar on a terminal, plain lines in logs; with --json only the timings, printed in the summary.
const progress = createProgress({ mode: args.json ? "silent" : undefined });
try {
  const summary = await syncIndex(DATABASE_URL, { source, log: progress.log, progress });
  progress.close();
  if (args.json) console.log(JSON.stringify({ ...summary, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  else
    console.log(
      `Index sync ${summary.runId} succeeded in ${(summary.durationMs / 1000).toFixed(1)} s: checked ${summary.checked} files, ` +
        `${summary.changed} changed, ${summary.removed} crates removed upstream.`,
    );
} catch (error) {
  progress.close();
  if (error instanceof IngestError) console.error(`Index sync aborted, nothing changed: ${error.message}`);
  else if (error instanceof IngestBusyError) console.error(error.message);
  else console.error(`Index sync failed, nothing changed: ${(error as Error).stack ?? error}`);
  process.exit(1);
}
