import { parseArgs } from "node:util";
import { runFromCli } from "./run-from-cli";
import { runIngest } from "./run-ingest";

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

await runFromCli({
  name: "Ingest",
  json: args.json,
  run: (databaseUrl, progress) => runIngest(databaseUrl, { indexDir: args.index, dumpPath: args.dump, log: progress.log, progress }),
  succeeded: (summary, seconds) =>
    `Ingest run ${summary.runId} succeeded in ${seconds} s: ` +
    `${summary.crates} crates, ${summary.versions} versions, ${summary.dependencies} dependencies.`,
});
