import path from "node:path";
import pg from "pg";
import { semverSortKey } from "../registry/semver-sort-key";
import { BatchInserter } from "./batch-inserter";
import { checkStaged } from "./check-staged";
import { mergeStaged } from "./merge-staged";
import { copyDumpTable, CopyRejectedError } from "./copy-dump-table";
import { DUMP_TABLES } from "./dump-rows";
import { rawStagingViewsSql, rawTableName, rawTablesSql, versionKeyTableSql } from "./dump-raw-tables";
import { describeDumpSource } from "./open-dump-source";
import { findBadDumpRow, readDump, readDumpEntries } from "./read-dump";
import { readIndexDir } from "./read-index-dir";
import type { PhaseHandle, Progress } from "./progress";
import { IndexStager } from "./stage-index-file";
import { stageDumpRow, type DumpStagers } from "./stage-dump-row";
import { vacuumSearchTables } from "./vacuum-search-tables";
import { withIngestRun, type IngestRunContext, type IngestRunRecord } from "./with-ingest-run";
import { dumpStagingTablesSql, indexStagingTablesSql } from "./staging-tables";

// One ingest run: stage everything from the given sources inside one
// transaction, check it, merge it into the served tables, commit. Readers keep
// seeing the previous data until the commit; a failed or killed run changes
// nothing but its own ingest_runs row.

export interface IngestOptions {
  /** A crates.io index checkout in its on-disk layout. */
  indexDir?: string;
  /** A crates.io database dump (.tar.gz). */
  dumpPath?: string;
  /**
   * How dump CSVs reach PostgreSQL: "copy" streams them with COPY (fast, a real
   * server), "insert" validates rows in JavaScript and inserts them in batches
   * (the embedded database, which cannot COPY FROM STDIN). Default: "insert"
   * on the embedded database, "copy" elsewhere.
   */
  dumpLoader?: "copy" | "insert";
  log?: (message: string) => void;
  /** Shows each phase's progress (a bar on a terminal, lines elsewhere); default: timings only. */
  progress?: Progress;
}

export interface IngestSummary extends IngestRunRecord {
  /** Crates served after the run. */
  crates: number;
  /** Crates marked removed (kept, not served). */
  removed: number;
  versions: number;
  dependencies: number;
  staged: Record<string, number>;
}

export { IngestBusyError } from "./with-ingest-run";

export async function runIngest(connectionString: string, options: IngestOptions): Promise<IngestSummary> {
  if (!options.indexDir && !options.dumpPath) throw new Error("Nothing to ingest: give an index directory, a dump tarball, or both.");
  const source = [options.indexDir && `index:${options.indexDir}`, options.dumpPath && `dump:${describeDumpSource(options.dumpPath)}`]
    .filter(Boolean)
    .join(" ");
  const summary = await withIngestRun(connectionString, { source, log: options.log, progress: options.progress }, async (context) => {
    const result = await ingestInTransaction(context, options);
    return { result, counts: result };
  });
  // Committed and served: now clear the old row versions the run left behind (see vacuumSearchTables).
  await vacuumSearchTables(connectionString, options.log ?? (() => {}));
  return summary;
}

async function ingestInTransaction({ client, log, progress, embedded }: IngestRunContext, options: IngestOptions) {
  const sources = { index: Boolean(options.indexDir), dump: Boolean(options.dumpPath) };
  const staged: Record<string, number> = {};
  // Index builds and the big joins of the merge get more memory than the server's defaults, for this run only.
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  await client.query(`SET LOCAL work_mem = '64MB'`);
  await client.query(indexStagingTablesSql);
  // The embedded database cannot COPY FROM STDIN: its rows go in as batched INSERTs.
  if (options.indexDir) {
    log(`Reading index ${options.indexDir}`);
    Object.assign(staged, await stageIndex(client, options.indexDir, progress, { copy: !embedded }));
  }
  if (options.dumpPath) {
    const loader = options.dumpLoader ?? (embedded ? "insert" : "copy");
    log(`Reading dump ${options.dumpPath} (${loader === "copy" ? "COPY" : "batched INSERT"})`);
    Object.assign(
      staged,
      loader === "copy" ? await copyDump(client, options.dumpPath, progress) : await stageDump(client, options.dumpPath, progress),
    );
  }
  log("Checking references");
  let phase = progress.phase("check references");
  await checkStaged(client, sources, options.dumpPath ? `${path.basename(options.dumpPath)}:` : "");
  phase.done();
  log("Merging into the served tables");
  phase = progress.phase("merge");
  await mergeStaged(client, sources, log, (what) => phase.note(what));
  phase.done();
  // Served counts: crates marked removed (and their versions) are kept but not served.
  const { rows } = await client.query<{ crates: number; versions: number; dependencies: number; removed: number }>(
    `SELECT (SELECT count(*) FROM crates WHERE removed_at IS NULL)::int crates,
            (SELECT count(*) FROM crates WHERE removed_at IS NOT NULL)::int removed,
            (SELECT count(*) FROM versions v JOIN crates c ON c.id = v.crate_id WHERE c.removed_at IS NULL)::int versions,
            (SELECT count(*) FROM dependencies d JOIN versions v ON v.id = d.version_id JOIN crates c ON c.id = v.crate_id
             WHERE c.removed_at IS NULL)::int dependencies`,
  );
  return { ...rows[0]!, staged };
}

async function stageIndex(client: pg.Client, indexDir: string, progress: Progress, how: { copy: boolean }): Promise<Record<string, number>> {
  const stager = new IndexStager(client, how);
  const phase = progress.phase("index: read files", { unit: "files" });
  for await (const file of readIndexDir(indexDir)) {
    await stager.addFile(file, file.stat);
    phase.tick();
  }
  const counts = await stager.flush();
  phase.done();
  return counts;
}

/** The bytes of one dump table, counted into its own progress phase as they stream past. */
async function* countedBytes(entry: AsyncIterable<Buffer>, phase: PhaseHandle): AsyncGenerator<Buffer> {
  for await (const chunk of entry) {
    phase.tick(chunk.length);
    yield chunk;
  }
  phase.done();
}

async function copyDump(client: pg.Client, dumpPath: string, progress: Progress): Promise<Record<string, number>> {
  await client.query(rawTablesSql);
  await client.query(versionKeyTableSql);
  await client.query(rawStagingViewsSql);
  let result;
  try {
    result = await readDumpEntries(dumpPath, (table, entry, file) =>
      copyDumpTable(client, table, countedBytes(entry, progress.phase(`dump: ${table}`, { unit: "bytes" })), file),
    );
  } catch (error) {
    if (error instanceof CopyRejectedError) {
      await findBadDumpRow(dumpPath, error.table);
    }
    throw error;
  }
  // Semver sort keys are computed here, once per distinct version string.
  const phase = progress.phase("dump: version sort keys");
  const keys = new BatchInserter(client, "st_version_key", 5000);
  const { rows } = await client.query<{ num: string }>("SELECT DISTINCT num FROM raw_versions");
  for (const { num } of rows) {
    const sort = semverSortKey(num);
    await keys.add({ num, sort_key: sort.key, prerelease: sort.prerelease });
  }
  await keys.flush();
  // Temporary tables are never analyzed automatically; the merge joins them.
  for (const table of DUMP_TABLES) await client.query(`ANALYZE ${rawTableName(table)}`);
  phase.done();
  return dumpCounts(result.tables);
}

function dumpCounts(tables: Partial<Record<string, number>>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [table, n] of Object.entries(tables)) counts[`dump_${table}`] = n ?? 0;
  return counts;
}

async function stageDump(client: pg.Client, dumpPath: string, progress: Progress): Promise<Record<string, number>> {
  await client.query(dumpStagingTablesSql);
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
  let current: { table: string; phase: PhaseHandle } | null = null;
  const result = await readDump(dumpPath, (table, row, where) => {
    if (current?.table !== table) {
      current?.phase.done();
      current = { table, phase: progress.phase(`dump: ${table}`, { unit: "rows" }) };
    }
    current.phase.tick();
    return stageDumpRow(stagers, table, row, where.line);
  });
  for (const stager of Object.values(stagers)) await stager.flush();
  (current as { phase: PhaseHandle } | null)?.phase.done();
  return dumpCounts(result.tables);
}
