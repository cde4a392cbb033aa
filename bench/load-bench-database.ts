import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { buildDumpFixture } from "../scripts/build-dump-fixture";
import { combineRegistries } from "../scripts/combine-registries";
import { generateSyntheticRegistry } from "../scripts/generate-synthetic-registry";

// The database the search benchmarks run on: the real fixture crates
// (fixtures/crates-io-index + the dump scripts/build-dump-fixture.ts makes),
// alone (scale 0) or beside a synthetic registry of the given scale, loaded
// by our own ingest in one run (scripts/combine-registries.ts merges the two
// registries first). The database is kept as `cratelist_bench_relevance_<scale>`
// and reused while its inputs and the migrations are unchanged (a stamp in
// the database's comment says what was loaded); `fresh` reloads it anyway.

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "bench/out");
const fixtureIndex = path.join(root, "fixtures/crates-io-index");
const migrationsDir = path.join(root, "prisma/migrations");
// Bump when the way the database is loaded changes, so cached databases are reloaded.
const LOADER_VERSION = 1;

export interface BenchDatabaseOptions {
  /** 0: the fixture crates alone; else the synthetic registry at this scale beside them. */
  scale: number;
  seed?: number;
  /** Reload even when a matching database exists. */
  fresh?: boolean;
  log?: (message: string) => void;
}

export interface BenchDatabase {
  url: string;
  database: string;
  scale: number;
  /** True when a cached database was used as it was. */
  reused: boolean;
  /** Seconds the ingest took (0 when reused). */
  ingestSeconds: number;
  crates: number;
}

export function adminUrl(): string {
  return process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
}

export function benchDatabaseName(scale: number, seed = 1): string {
  const suffix = scale === 0 ? "fixtures" : String(scale).replace(/\./g, "_");
  return `cratelist_bench_relevance_${suffix}${scale !== 0 && seed !== 1 ? `_seed${seed}` : ""}`;
}

export async function loadBenchDatabase(options: BenchDatabaseOptions): Promise<BenchDatabase> {
  const { scale } = options;
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  if (!(scale >= 0 && scale <= 4)) throw new Error(`scale must be 0 (fixtures only) or in (0, 4], got ${scale}`);
  await mkdir(outDir, { recursive: true });

  // The real crates: the fixture index and a dump built from it (deterministic, a second or two).
  const fixtureDump = path.join(outDir, "fixture-dump.tar.gz");
  await buildDumpFixture(fixtureDump);
  const fixtureHash = sha256(await readFile(fixtureDump));

  let sources: { indexDir: string; dumpPath: string };
  let inputs: Record<string, unknown>;
  if (scale === 0) {
    sources = { indexDir: fixtureIndex, dumpPath: fixtureDump };
    inputs = { fixtureHash };
  } else {
    const syntheticDir = path.join(outDir, `synthetic-${scale}-seed${seed}`);
    let synthetic = { indexDir: path.join(syntheticDir, "index"), dumpPath: path.join(syntheticDir, "db-dump.tar.gz") };
    if (!existsSync(synthetic.dumpPath) || !existsSync(synthetic.indexDir)) {
      log(`generating the synthetic registry at scale ${scale} into ${path.relative(root, syntheticDir)}`);
      const generated = await generateSyntheticRegistry({ out: syntheticDir, scale, seed, log });
      synthetic = { indexDir: generated.indexDir, dumpPath: generated.dumpPath };
    }
    const syntheticStat = await stat(synthetic.dumpPath);
    // `popularity`: the real crates borrow the standing of synthetic crates (scripts/lend-popularity.ts).
    inputs = { fixtureHash, synthetic: { scale, seed, size: syntheticStat.size, mtimeMs: syntheticStat.mtimeMs }, popularity: "lent" };
    const combinedDir = path.join(outDir, `relevance-${scale}-seed${seed}`);
    sources = { indexDir: path.join(combinedDir, "index"), dumpPath: path.join(combinedDir, "db-dump.tar.gz") };
    const stampFile = path.join(combinedDir, "combined.json");
    const stamp = JSON.stringify(inputs);
    const current = existsSync(stampFile) ? await readFile(stampFile, "utf8") : null;
    if (current !== stamp || !existsSync(sources.dumpPath) || !existsSync(sources.indexDir)) {
      log(`combining the synthetic registry and the fixture crates into ${path.relative(root, combinedDir)}`);
      await rm(stampFile, { force: true });
      const started = performance.now();
      await combineRegistries({ base: synthetic, extra: { indexDir: fixtureIndex, dumpPath: fixtureDump }, out: combinedDir, lendPopularity: true, log });
      await writeFile(stampFile, stamp);
      log(`  combined in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  }

  const database = benchDatabaseName(scale, seed);
  const url = databaseUrl(database);
  const migrations = await migrationsHash();
  const stamp = JSON.stringify({ loader: LOADER_VERSION, inputs, migrations });
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    const previous = parseStamp(rows[0]?.comment ?? null);
    if (!options.fresh && previous && previous.loader === LOADER_VERSION && JSON.stringify(previous.inputs) === JSON.stringify(inputs)) {
      if (previous.migrations !== migrations) {
        // New migrations are applied in place, as on a production database; an
        // edited one (migrate refuses it) means reloading.
        try {
          const { applied } = await migrate(url);
          log(`database ${database}: applied new migrations ${applied.join(", ") || "(none)"}`);
          await admin.query(`COMMENT ON DATABASE ${database} IS ${pg.escapeLiteral(stamp)}`);
        } catch (error) {
          log(`database ${database}: ${(error as Error).message}`);
        }
      }
      if ((parseStamp(await databaseComment(admin, database)) ?? previous).migrations === migrations) {
        const crates = await crateCount(url);
        log(`reusing database ${database} (${crates} crates; --fresh reloads it)`);
        return { url, database, scale, reused: true, ingestSeconds: 0, crates };
      }
    }
    log(rows[0] ? `reloading database ${database} (${options.fresh ? "--fresh" : "its inputs or the migrations changed"})` : `creating database ${database}`);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }

  await migrate(url);
  log(`ingesting ${path.relative(root, sources.indexDir)} + ${path.relative(root, sources.dumpPath)} with our ingest (npm run ingest)`);
  const started = performance.now();
  const result = spawnSync("node", ["--import", "tsx", "lib/ingest/cli.ts", "--index", sources.indexDir, "--dump", sources.dumpPath], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const ingestSeconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`ingest into ${database} failed (exit ${result.status})`);

  // The real crates must all be there, beside the synthetic ones, under their own names.
  const fixtureNames = await indexNames(fixtureIndex);
  const crates = await crateCount(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM crates WHERE removed_at IS NULL AND name = ANY($1::text[])`,
      [fixtureNames],
    );
    if (rows[0]?.n !== fixtureNames.length) throw new Error(`${database}: ${rows[0]?.n} of the ${fixtureNames.length} fixture crates were loaded`);
    // Fresh statistics for the planner, as a long-running database would have.
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  const stampAdmin = new pg.Client({ connectionString: adminUrl() });
  await stampAdmin.connect();
  try {
    await stampAdmin.query(`COMMENT ON DATABASE ${database} IS ${pg.escapeLiteral(stamp)}`);
  } finally {
    await stampAdmin.end();
  }
  log(`loaded ${crates} crates into ${database} in ${ingestSeconds.toFixed(1)} s`);
  return { url, database, scale, reused: false, ingestSeconds, crates };
}

interface Stamp {
  loader: number;
  inputs: Record<string, unknown>;
  migrations: string;
}

function parseStamp(comment: string | null): Stamp | null {
  if (!comment) return null;
  try {
    return JSON.parse(comment) as Stamp;
  } catch {
    return null;
  }
}

async function databaseComment(admin: pg.Client, database: string): Promise<string | null> {
  const { rows } = await admin.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [database],
  );
  return rows[0]?.comment ?? null;
}

function databaseUrl(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

async function crateCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM crates WHERE removed_at IS NULL`);
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

/** Crate names of an index checkout, as published (read from each file's first line). */
async function indexNames(dir: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === "config.json" || entry.name.startsWith(".")) continue;
    const first = (await readFile(path.join(entry.parentPath, entry.name), "utf8")).split("\n", 1)[0]!;
    names.push((JSON.parse(first) as { name: string }).name);
  }
  return names;
}

/** The migrations' names and SQL: a cached database is reloaded when they change. */
async function migrationsHash(): Promise<string> {
  const hash = createHash("sha256");
  for (const name of (await readdir(migrationsDir)).sort()) {
    const file = path.join(migrationsDir, name, "migration.sql");
    if (!existsSync(file)) continue;
    hash.update(name).update("\0").update(await readFile(file)).update("\0");
  }
  return hash.digest("hex");
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
