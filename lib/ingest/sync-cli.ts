import { parseArgs } from "node:util";
import { runFromCli } from "./run-from-cli";
import { syncIndex, type IndexSource } from "./sync-index";

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

await runFromCli({
  name: "Index sync",
  json: args.json,
  run: (databaseUrl, progress) => syncIndex(databaseUrl, { source, log: progress.log, progress }),
  succeeded: (summary, seconds) =>
    `Index sync ${summary.runId} succeeded in ${seconds} s: checked ${summary.checked} files, ` +
    `${summary.changed} changed, ${summary.removed} crates removed upstream.`,
});
