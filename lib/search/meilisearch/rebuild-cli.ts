import { parseArgs } from "node:util";
import { getDb } from "../../db";
import { getEnv } from "../../env";
import { createMeilisearchClient } from "./create-meilisearch-client";
import { DEFAULT_INDEX_UID } from "./meilisearch-search-backend";
import { rebuildSearchIndex } from "./rebuild-search-index";

// `npm run search:rebuild [-- --index <uid>]`: builds the Meilisearch index
// from PostgreSQL into a new index and swaps it in (see README.md). Run it
// once after setting MEILI_URL, and after changing meilisearch-settings.ts.
const usage = "usage: npm run search:rebuild [-- --index <uid>]   (needs DATABASE_URL and MEILI_URL; MEILI_API_KEY if the server has a key)";

const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);

let args;
try {
  args = parseArgs({ options: { index: { type: "string" }, help: { type: "boolean" } }, strict: true }).values;
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (args.help) {
  console.log(usage);
  process.exit(0);
}

let env;
try {
  env = getEnv();
} catch (error) {
  console.error(`Search index not rebuilt: ${(error as Error).message}`);
  process.exit(2);
}
if (!env.MEILI_URL) {
  console.error(`Search index not rebuilt: MEILI_URL is not set.\n${usage}`);
  process.exit(2);
}

const started = Date.now();
const db = getDb();
try {
  const meili = createMeilisearchClient({ url: env.MEILI_URL, apiKey: env.MEILI_API_KEY, timeoutMs: 30_000 });
  const result = await rebuildSearchIndex(db, meili, { indexUid: args.index ?? DEFAULT_INDEX_UID, log });
  log(`Search index ${result.indexUid} rebuilt in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.documents} documents.`);
} catch (error) {
  console.error(`Search index rebuild failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
