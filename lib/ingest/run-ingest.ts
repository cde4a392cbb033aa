import path from "node:path";
import pg from "pg";
import { semverSortKey } from "../registry/semver-sort-key";
import { BatchInserter } from "./batch-inserter";
import { checkStaged } from "./check-staged";
import { mergeStaged } from "./merge-staged";
import { readDump } from "./read-dump";
import { readIndexDir } from "./read-index-dir";
import { stageDumpRow, type DumpStagers } from "./stage-dump-row";
import { stagingTablesSql } from "./staging-tables";

// One ingest run: stage everything from the given sources inside one
// transaction, check it, merge it into the served tables, commit. Readers keep
// seeing the previous data until the commit; a failed or killed run changes
// nothing but its own ingest_runs row.

export interface IngestOptions {
  /** A crates.io index checkout in its on-disk layout. */
  indexDir?: string;
  /** A crates.io database dump (.tar.gz). */
  dumpPath?: string;
  log?: (message: string) => void;
}

export interface IngestSummary {
  runId: number;
  crates: number;
  versions: number;
  dependencies: number;
  staged: Record<string, number>;
  durationMs: number;
}

// Any constant works; every ingest process must use the same one.
const INGEST_LOCK_KEY = 72_707_370;

export class IngestBusyError extends Error {}

export async function runIngest(connectionString: string, options: IngestOptions): Promise<IngestSummary> {
  if (!options.indexDir && !options.dumpPath) throw new Error("Nothing to ingest: give an index directory, a dump tarball, or both.");
  const started = Date.now();
  const log = (message: string) => options.log?.(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows: lock } = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [INGEST_LOCK_KEY]);
    if (!lock[0]?.ok) throw new IngestBusyError("Another ingest is running against this database; try again when it has finished.");
    const source = [options.indexDir && `index:${options.indexDir}`, options.dumpPath && `dump:${options.dumpPath}`].filter(Boolean).join(" ");
    const { rows: run } = await client.query<{ id: number }>(
      `INSERT INTO ingest_runs (source, status) VALUES ($1, 'running') RETURNING id`,
      [source],
    );
    const runId = run[0]!.id;
    try {
      const summary = await ingestInTransaction(client, options, log);
      const result: IngestSummary = { runId, ...summary, durationMs: Date.now() - started };
      await client.query(`UPDATE ingest_runs SET status = 'succeeded', finished_at = now(), counts = $2 WHERE id = $1`, [
        runId,
        JSON.stringify({ crates: result.crates, versions: result.versions, dependencies: result.dependencies, staged: result.staged }),
      ]);
      return result;
    } catch (error) {
      await client.query(`UPDATE ingest_runs SET status = 'failed', finished_at = now(), error = $2 WHERE id = $1`, [
        runId,
        (error as Error).message,
      ]);
      throw error;
    }
  } finally {
    await client.end();
  }
}

async function ingestInTransaction(client: pg.Client, options: IngestOptions, log: (m: string) => void) {
  const sources = { index: Boolean(options.indexDir), dump: Boolean(options.dumpPath) };
  const staged: Record<string, number> = {};
  await client.query("BEGIN");
  try {
    await client.query(stagingTablesSql);
    if (options.indexDir) {
      log(`Reading index ${options.indexDir}`);
      Object.assign(staged, await stageIndex(client, options.indexDir));
    }
    if (options.dumpPath) {
      log(`Reading dump ${options.dumpPath}`);
      Object.assign(staged, await stageDump(client, options.dumpPath));
    }
    log("Checking references");
    await checkStaged(client, sources, options.dumpPath ? `${path.basename(options.dumpPath)}:` : "");
    log("Merging into the served tables");
    await mergeStaged(client, sources);
    const { rows } = await client.query<{ crates: number; versions: number; dependencies: number }>(
      `SELECT (SELECT count(*) FROM crates)::int crates, (SELECT count(*) FROM versions)::int versions,
              (SELECT count(*) FROM dependencies)::int dependencies`,
    );
    await client.query("COMMIT");
    return { ...rows[0]!, staged };
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

async function stageIndex(client: pg.Client, indexDir: string): Promise<Record<string, number>> {
  const versions = new BatchInserter(client, "st_index_version");
  const deps = new BatchInserter(client, "st_index_dep");
  let files = 0;
  for await (const file of readIndexDir(indexDir)) {
    files++;
    for (const [i, v] of file.versions.entries()) {
      const sort = semverSortKey(v.vers);
      const nameLower = v.name.toLowerCase();
      await versions.add({
        file: file.file,
        line: file.lines[i] ?? i + 1,
        name: v.name,
        name_lower: nameLower,
        num: v.vers,
        sort_key: sort.key,
        prerelease: sort.prerelease,
        yanked: v.yanked,
        checksum: v.cksum,
        features: v.features,
        rust_version: v.rustVersion,
        links: v.links,
        v: v.v,
        pubtime: v.pubtime,
      });
      for (const d of v.deps) {
        await deps.add({
          name_lower: nameLower,
          num: v.vers,
          crate_name: d.name,
          explicit_name: d.explicitName,
          req: d.req,
          optional: d.optional,
          default_features: d.defaultFeatures,
          features: d.features,
          target: d.target,
          kind: d.kind,
        });
      }
    }
  }
  await versions.flush();
  await deps.flush();
  return { index_files: files, index_versions: versions.count, index_dependencies: deps.count };
}

async function stageDump(client: pg.Client, dumpPath: string): Promise<Record<string, number>> {
  const stagers: DumpStagers = {
    st_crate: new BatchInserter(client, "st_crate", 500),
    st_crate_download: new BatchInserter(client, "st_crate_download"),
    st_dump_version: new BatchInserter(client, "st_dump_version"),
    st_dump_dep: new BatchInserter(client, "st_dump_dep"),
    st_category: new BatchInserter(client, "st_category"),
    st_crate_category: new BatchInserter(client, "st_crate_category"),
    st_keyword: new BatchInserter(client, "st_keyword"),
    st_crate_keyword: new BatchInserter(client, "st_crate_keyword"),
    st_user: new BatchInserter(client, "st_user"),
    st_team: new BatchInserter(client, "st_team"),
    st_owner: new BatchInserter(client, "st_owner"),
    st_version_download: new BatchInserter(client, "st_version_download"),
  };
  const result = await readDump(dumpPath, (table, row, where) => stageDumpRow(stagers, table, row, where.line));
  for (const stager of Object.values(stagers)) await stager.flush();
  const counts: Record<string, number> = {};
  for (const [table, n] of Object.entries(result.tables)) counts[`dump_${table}`] = n ?? 0;
  return counts;
}
