import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { generateSyntheticRegistry } from "../scripts/generate-synthetic-registry";

// `npm run bench:ingest -- [--scale 0.1 | --full] [--keep]`: our ingest against
// the floor (psql \copy of the same CSV files into bare text tables) on one
// generated synthetic registry, plus an incremental index sync after 1% of
// crates changed. Last line: one JSON object (see bench/README.md).

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "0.1" },
    full: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    // The re-run is informative, not a goal, and takes as long as a full run.
    "no-rerun": { type: "boolean", default: false },
  },
});
const scale = args.full ? 1 : Number(args.scale);
const root = path.resolve(import.meta.dirname, "..");
const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dataDir = path.join(root, "bench/out", `synthetic-${scale}-seed${args.seed}`);

const log = (m: string) => console.log(`[bench] ${m}`);

// 1. Data (generated once per scale and seed, reused by later runs).
let dumpPath = path.join(dataDir, "db-dump.tar.gz");
let indexDir = path.join(dataDir, "index");
if (!existsSync(dumpPath) || !existsSync(indexDir)) {
  log(`generating synthetic registry at scale ${scale} into ${path.relative(root, dataDir)}`);
  const generated = await generateSyntheticRegistry({ out: dataDir, scale, seed: Number(args.seed), log });
  dumpPath = generated.dumpPath;
  indexDir = generated.indexDir;
}

// 2. The floor: psql \copy of every CSV into bare text tables, no indexes, no checks.
const csvDir = await mkdtemp(path.join(tmpdir(), "cratelist-bench-csv-"));
run("tar", ["-xzf", dumpPath, "-C", csvDir]);
const [top] = await readdir(csvDir);
const csvFiles = (await readdir(path.join(csvDir, top!, "data"))).filter((f) => f.endsWith(".csv")).sort();
const floorDb = await freshDatabase("cratelist_bench_floor");
let copyScript = "";
for (const file of csvFiles) {
  const csvPath = path.join(csvDir, top!, "data", file);
  const header = (await readHead(csvPath)).split("\n")[0]!.split(",");
  const table = `bare_${file.replace(/\.csv$/, "")}`;
  copyScript += `CREATE TABLE ${table} (${header.map((c) => `"${c}" text`).join(", ")});\n`;
  copyScript += `\\copy ${table} FROM '${csvPath}' WITH (FORMAT csv, HEADER true)\n`;
}
const scriptPath = path.join(csvDir, "floor.sql");
await writeFile(scriptPath, copyScript);
log("floor: psql \\copy of the dump's CSV files");
const floor = timed(() => run("psql", ["-q", "-v", "ON_ERROR_STOP=1", floorDb, "-f", scriptPath]));
await rm(csvDir, { recursive: true, force: true });

// 3. Ours: the dump alone into a fresh database (the comparison), then the
// index and the dump together (what a real run does), then again after 1% of
// crates changed.
const oursDb = await freshDatabase("cratelist_bench_ours");
await migrate(oursDb);
log("ours: dump only, fresh database");
const dumpOnly = ingest(oursDb, ["--dump", dumpPath]);
const fullDb = await freshDatabase("cratelist_bench_full");
await migrate(fullDb);
log("ours: index + dump, fresh database");
const full = ingest(fullDb, ["--index", indexDir, "--dump", dumpPath]);

// The incremental run is what the worker does every few minutes: an index
// sync that reads only the changed files. A re-run of index + dump over the
// same change is measured too (the daily job reads the whole dump whatever changed).
log("changing 1% of crates (a new version line each), then an index sync");
const changed = await changeOnePercent(indexDir);
let incremental;
let rerun;
try {
  incremental = ingest(fullDb, ["--dir", indexDir], "lib/ingest/sync-cli.ts");
  if (!args["no-rerun"]) {
    log("the same change through a full index + dump run");
    rerun = ingest(fullDb, ["--index", indexDir, "--dump", dumpPath]);
  }
} finally {
  await changed.restore();
}

const rows = Object.entries(dumpOnly.summary.staged as Record<string, number>)
  .filter(([k]) => k.startsWith("dump_"))
  .reduce((n, [, v]) => n + v, 0);
console.log(
  JSON.stringify({
    scale,
    ours_s: round(dumpOnly.seconds),
    psql_copy_s: round(floor),
    ratio: round(dumpOnly.seconds / floor),
    rows_per_s: Math.round(rows / dumpOnly.seconds),
    peak_rss_mb: Math.max(dumpOnly.peakRssMb, full.peakRssMb, incremental.peakRssMb, rerun?.peakRssMb ?? 0),
    full_with_index_s: round(full.seconds),
    incremental_1pct_s: round(incremental.seconds),
    incremental_ratio: round(incremental.seconds / full.seconds),
    changed_crates: changed.count,
    rerun_index_dump_s: rerun ? round(rerun.seconds) : null,
  }),
);

function ingest(databaseUrl: string, sourceArgs: string[], cli = "lib/ingest/cli.ts") {
  const started = performance.now();
  const result = spawnSync("node", ["--import", "tsx", cli, ...sourceArgs, "--json"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`ingest failed: ${result.stderr}`);
  const summary = JSON.parse(result.stdout.trim().split("\n").at(-1)!);
  log(`  ${seconds.toFixed(1)} s, peak RSS ${summary.peakRssMb} MB`);
  return { seconds, summary, peakRssMb: summary.peakRssMb as number };
}

async function changeOnePercent(dir: string) {
  const files: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name !== "config.json") files.push(path.join(entry.parentPath, entry.name));
  }
  files.sort();
  const step = 100;
  const picked = files.filter((_, i) => i % step === 0);
  const originals = new Map<string, string>();
  for (const file of picked) {
    // A bench killed before it restored the files left its line behind: drop it first.
    const text = (await readFile(file, "utf8"))
      .split("\n")
      .filter((line) => !line.includes("+bench.1"))
      .join("\n");
    originals.set(file, text);
    await writeFile(file, text);
    const last = JSON.parse(text.trimEnd().split("\n").at(-1)!);
    last.vers = `${last.vers.replace(/\+.*$/, "")}+bench.1`;
    await appendFile(file, `${JSON.stringify(last)}\n`);
  }
  return {
    count: picked.length,
    restore: async () => {
      for (const [file, text] of originals) await writeFile(file, text);
    },
  };
}

async function freshDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The first 64 KiB of a file (a header line), without reading gigabytes into a string. */
async function readHead(file: string): Promise<string> {
  const handle = await open(file);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(65536), 0, 65536, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

function timed(fn: () => void): number {
  const started = performance.now();
  fn();
  const seconds = (performance.now() - started) / 1000;
  log(`  ${seconds.toFixed(1)} s`);
  return seconds;
}

function run(command: string, commandArgs: string[]) {
  const result = spawnSync(command, commandArgs, { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed`);
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

await mkdir(path.dirname(dataDir), { recursive: true });
