import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/start-embedded-postgres";
import { runIngest } from "../lib/ingest/run-ingest";
import { nextBuildIsStale } from "./next-build-is-stale";

// `npm run demo`: the site on http://localhost:3000 with the bundled real
// crates.io sample loaded. Without DATABASE_URL it runs on the embedded
// database (PGlite, kept in .data/pglite); with DATABASE_URL it uses that
// PostgreSQL. Safe to run again: it migrates, ingests only an empty database
// (or always with --reingest), and rebuilds the site only when sources changed.

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const reingest = process.argv.includes("--reingest");
const indexDir = path.join(root, "fixtures/crates-io-index");
const dumpPath = path.join(root, "fixtures/dump/db-dump.tar.gz");

let embedded: EmbeddedPostgres | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const dataDir = process.env.EMBEDDED_DATA_DIR ?? path.join(root, ".data/pglite");
  console.log(`DATABASE_URL is not set: starting the embedded database (PGlite) in ${path.relative(root, dataDir)}`);
  embedded = await startEmbeddedPostgres({ dataDir });
  databaseUrl = embedded.url;
}

const migrated = await migrate(databaseUrl);
console.log(`Migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already there`);

if (reingest || (await crateCount(databaseUrl)) === 0) {
  if (!existsSync(dumpPath)) run("node", ["--import", "tsx", "scripts/build-dump-fixture.ts", "--out", dumpPath]);
  const summary = await runIngest(databaseUrl, { indexDir, dumpPath, log: (m) => console.log(`ingest: ${m}`) });
  console.log(`Loaded ${summary.crates} crates, ${summary.versions} versions in ${(summary.durationMs / 1000).toFixed(1)} s`);
}

if (await nextBuildIsStale(root)) run("npx", ["next", "build"]);

const env = { ...process.env, DATABASE_URL: databaseUrl, DATABASE_POOL_MAX: embedded ? "1" : (process.env.DATABASE_POOL_MAX ?? "10") };
const server = spawn("npx", ["next", "start", "-p", String(port)], { cwd: root, env, stdio: "inherit" });
console.log(`Serving on http://localhost:${port}`);
const shutdown = async () => {
  server.kill("SIGTERM");
  await embedded?.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
server.on("exit", async (code) => {
  await embedded?.stop();
  process.exit(code ?? 0);
});

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\`${command} ${args.join(" ")}\` failed`);
    process.exit(result.status ?? 1);
  }
}

async function crateCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM crates");
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

