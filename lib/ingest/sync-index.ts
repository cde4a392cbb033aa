import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type pg from "pg";
import { BatchInserter } from "./batch-inserter";
import { mergeIndexChanges } from "./merge-index-changes";
import type { Progress } from "./progress";
import { listIndexFiles, readIndexFileAt, statIndexFile } from "./read-index-dir";
import { fetchSparseIndex, type SparseFetchOptions } from "./sparse/fetch-sparse-index";
import { IndexStager } from "./stage-index-file";
import { indexStagingTablesSql } from "./staging-tables";
import { withIngestRun, type IngestRunRecord } from "./with-ingest-run";

const run = promisify(execFile);

// An index sync reads only what changed since the last one and merges only
// the crates concerned, in one transaction (readers see the old data until it
// commits; a killed sync changes nothing). Sources:
// - dir: any checkout; a file whose size and mtime are unchanged is skipped,
//   else it is read and hashed, and merged only when its content changed;
// - git: a git checkout; the files `git diff` names between the commit of the
//   last sync and HEAD (optionally after `git pull --ff-only`); the first sync
//   of a checkout scans it like a dir;
// - sparse: the HTTP index, one conditional request per known crate
//   (ETag / Last-Modified remembered per file; 404 means deleted upstream).
// A crate whose file is gone is marked removed, not deleted.

export type IndexSource =
  | { kind: "dir"; dir: string }
  | { kind: "git"; dir: string; pull?: boolean }
  | {
      kind: "sparse";
      url: string;
      /** Crates to ask for besides the ones already known (the sparse index cannot be listed). */
      extraNames?: string[];
      http?: Omit<SparseFetchOptions, "baseUrl" | "names" | "validators">;
    };

export interface SyncIndexOptions {
  source: IndexSource;
  log?: (message: string) => void;
  /** Shows each phase's progress; default: timings only. */
  progress?: Progress;
}

export interface IndexSyncSummary extends IngestRunRecord {
  /** Files looked at (stat, diff entry or request). */
  checked: number;
  /** Files read again because their content changed, and merged. */
  changed: number;
  /** Crates marked removed. */
  removed: number;
  versions: number;
  dependencies: number;
}

/** What a checkout sync compares a file's new content with. */
interface KnownFile {
  path: string;
  sha256: string | null;
}

export function describeIndexSource(source: IndexSource): string {
  return source.kind === "sparse" ? `index-sync:sparse:${source.url}` : `index-sync:${source.kind}:${source.dir}`;
}

export async function syncIndex(connectionString: string, options: SyncIndexOptions): Promise<IndexSyncSummary> {
  const { source } = options;
  const run = { source: describeIndexSource(source), log: options.log, progress: options.progress };
  return withIngestRun(connectionString, run, async ({ client, log, progress, embedded }) => {
    await client.query(indexStagingTablesSql);
    const stager = new IndexStager(client, { copy: !embedded });
    const deleted: string[] = [];
    log(`Checking ${describeIndexSource(source)}`);
    let phase = progress.phase(`index sync: check ${source.kind === "sparse" ? "crates" : "files"}`, { unit: "files" });
    const tick = () => phase.tick();
    let checked: number;
    if (source.kind === "dir") checked = await scanDir(client, source.dir, stager, deleted, tick);
    else if (source.kind === "git") checked = await syncGit(client, source, stager, deleted, log, tick);
    else checked = await syncSparse(client, source, stager, deleted, tick);
    const staged = await stager.flush();
    phase.done();
    log(`${staged.index_files} changed files, ${deleted.length} gone; merging`);
    phase = progress.phase("index sync: merge");
    const merged = await mergeIndexChanges(client, deleted, log, (what) => phase.note(what));
    phase.done();
    const counts = {
      checked,
      changed: staged.index_files,
      removed: merged.removedCrates,
      versions: staged.index_versions,
      dependencies: staged.index_dependencies,
    };
    return { result: counts, counts };
  });
}

// What the last sync saw of some files. Loaded for the files at hand only: at
// full scale all of index_files would take hundreds of MB of process memory.
async function loadKnownFiles(client: pg.ClientBase, namesLower: string[]): Promise<Map<string, KnownFile>> {
  const { rows } = await client.query<KnownFile & { name_lower: string }>(
    `SELECT name_lower, path, sha256 FROM index_files WHERE name_lower = ANY($1)`,
    [namesLower],
  );
  return new Map(rows.map((r) => [r.name_lower, { path: r.path, sha256: r.sha256 }]));
}

/** Stages one checkout file: whole when its content differs from what was synced, else only its new stat. */
async function stageIfChanged(dir: string, file: string, prev: KnownFile | undefined, stager: IndexStager): Promise<void> {
  const parsed = await readIndexFileAt(dir, file);
  const state = { ...parsed.stat, etag: null, last_modified: null };
  if (prev && prev.path === file && prev.sha256 === parsed.stat.sha256) {
    await stager.addState({ name_lower: parsed.name.toLowerCase(), path: file, ...state });
  } else {
    await stager.addFile(parsed, state);
  }
}

// Every file is stat-ed and the (path, size, mtime) list is compared with
// index_files in the database; only the files that differ are read and hashed.
async function scanDir(
  client: pg.ClientBase,
  dir: string,
  stager: IndexStager,
  deleted: string[],
  tick: () => void,
): Promise<number> {
  await client.query(`CREATE TEMP TABLE st_seen_file (name_lower text, path text, size bigint, mtime_ms double precision) ON COMMIT DROP`);
  const seen = new BatchInserter(client, "st_seen_file", 5000);
  let checked = 0;
  let batch: string[] = [];
  const statBatch = async () => {
    // A few stats in flight at once: on a cold cache each one waits on the disk.
    const stats = await Promise.all(batch.map((file) => statIndexFile(dir, file)));
    for (const [i, file] of batch.entries()) {
      // The file name is the crate's name, lower-cased (parseIndexFile checks it when the file is read).
      await seen.add({ name_lower: path.posix.basename(file), path: file, ...stats[i]! });
    }
    batch = [];
  };
  for await (const file of listIndexFiles(dir)) {
    checked++;
    tick();
    batch.push(file);
    if (batch.length === 64) await statBatch();
  }
  await statBatch();
  await seen.flush();
  await client.query(`ANALYZE st_seen_file`);
  const { rows: moved } = await client.query<{ path: string; name_lower: string }>(
    `SELECT s.path, s.name_lower FROM st_seen_file s LEFT JOIN index_files f ON f.name_lower = s.name_lower
     WHERE f.name_lower IS NULL OR f.path <> s.path OR f.size IS DISTINCT FROM s.size OR f.mtime_ms IS DISTINCT FROM s.mtime_ms
     ORDER BY s.path`,
  );
  const known = await loadKnownFiles(client, moved.map((m) => m.name_lower));
  for (const { path: file, name_lower } of moved) await stageIfChanged(dir, file, known.get(name_lower), stager);
  // Staged rows first: a batch still in flight that failed must report its own error, not abort this query.
  await stager.flush();
  const { rows: gone } = await client.query<{ name_lower: string }>(
    `SELECT name_lower FROM index_files f WHERE NOT EXISTS (SELECT 1 FROM st_seen_file s WHERE s.name_lower = f.name_lower)`,
  );
  deleted.push(...gone.map((g) => g.name_lower));
  return checked;
}

async function git(dir: string, ...args: string[]): Promise<string> {
  try {
    const { stdout } = await run("git", ["-C", dir, ...args], { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`git ${args[0]} in ${dir} failed: ${stderr || (error as Error).message}`, { cause: error });
  }
}

async function syncGit(
  client: pg.ClientBase,
  source: { dir: string; pull?: boolean },
  stager: IndexStager,
  deleted: string[],
  log: (message: string) => void,
  tick: () => void,
): Promise<number> {
  const dir = path.resolve(source.dir);
  if (source.pull) {
    log(`git pull --ff-only in ${dir}`);
    await git(dir, "pull", "--ff-only", "--quiet");
  }
  const head = (await git(dir, "rev-parse", "HEAD")).trim();
  const key = `git:${dir}`;
  const { rows } = await client.query<{ value: string }>(`SELECT value FROM sync_state WHERE key = $1`, [key]);
  const last = rows[0]?.value;
  await client.query(
    `INSERT INTO sync_state (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [key, head],
  );
  // No earlier sync of this checkout, or its commit is gone (a force-push): scan it whole.
  const usable = last && (await git(dir, "cat-file", "-t", last).then((t) => t.trim() === "commit", () => false));
  if (!usable) {
    log(last ? `commit ${last} of the last sync is gone; scanning the checkout` : "first sync of this checkout; scanning it");
    return scanDir(client, dir, stager, deleted, tick);
  }
  if (last === head) return 0;
  const diff = (await git(dir, "diff", "--name-status", "--no-renames", "-z", last, head)).split("\0");
  const entries: { status: string; file: string }[] = [];
  for (let i = 0; i + 1 < diff.length; i += 2) {
    const file = diff[i + 1]!;
    if (file === "config.json" || file.split("/").some((part) => part.startsWith("."))) continue;
    entries.push({ status: diff[i]!, file });
  }
  const known = await loadKnownFiles(client, entries.map((e) => path.posix.basename(e.file)));
  for (const { status, file } of entries) {
    tick();
    const nameLower = path.posix.basename(file);
    if (status === "D") {
      if (known.has(nameLower)) deleted.push(nameLower);
    } else {
      await stageIfChanged(dir, file, known.get(nameLower), stager);
    }
  }
  return entries.length;
}

async function syncSparse(
  client: pg.ClientBase,
  source: Extract<IndexSource, { kind: "sparse" }>,
  stager: IndexStager,
  deleted: string[],
  tick: () => void,
): Promise<number> {
  // Names and validators of every known crate: a sparse sync takes hours at the
  // politeness limit anyway, and two short strings a crate fit in memory.
  const { rows } = await client.query<{ name: string; etag: string | null; last_modified: string | null }>(
    `SELECT c.name, f.etag, f.last_modified FROM crates c LEFT JOIN index_files f ON f.name_lower = c.name_lower
     WHERE c.removed_at IS NULL ORDER BY c.name_lower`,
  );
  const validators = new Map(rows.map((r) => [r.name.toLowerCase(), { etag: r.etag, lastModified: r.last_modified }]));
  const names = [...new Set([...rows.map((r) => r.name), ...(source.extraNames ?? [])])];
  let checked = 0;
  for await (const result of fetchSparseIndex({
    ...source.http,
    baseUrl: source.url,
    names,
    validators: async (name) => validators.get(name.toLowerCase()) ?? null,
  })) {
    checked++;
    tick();
    if (result.status === "changed") {
      await stager.addFile(result.file, { etag: result.etag, last_modified: result.lastModified });
    } else if (result.status === "deleted") {
      deleted.push(result.name.toLowerCase());
    }
  }
  return checked;
}
