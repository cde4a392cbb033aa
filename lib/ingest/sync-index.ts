import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import type pg from "pg";
import { mergeIndexChanges } from "./merge-index-changes";
import { createProgress, type PhaseSummary, type Progress } from "./progress";
import { listIndexFiles, readIndexFileAt, statIndexFile } from "./read-index-dir";
import { fetchSparseIndex, type SparseFetchOptions } from "./sparse/fetch-sparse-index";
import { IndexStager } from "./stage-index-file";
import { indexStagingTablesSql } from "./staging-tables";
import { withIngestRun } from "./with-ingest-run";

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

export interface IndexSyncSummary {
  runId: number;
  /** Files looked at (stat, diff entry or request). */
  checked: number;
  /** Files read again because their content changed, and merged. */
  changed: number;
  /** Crates marked removed. */
  removed: number;
  versions: number;
  dependencies: number;
  phases: PhaseSummary[];
  durationMs: number;
}

interface KnownFile {
  path: string;
  size: number | null;
  mtime_ms: number | null;
  sha256: string | null;
  etag: string | null;
  last_modified: string | null;
}

export function describeIndexSource(source: IndexSource): string {
  return source.kind === "sparse" ? `index-sync:sparse:${source.url}` : `index-sync:${source.kind}:${source.dir}`;
}

export async function syncIndex(connectionString: string, options: SyncIndexOptions): Promise<IndexSyncSummary> {
  const started = Date.now();
  const log = (message: string) => options.log?.(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${message}`);
  const { source } = options;
  const progress = options.progress ?? createProgress({ mode: "silent" });
  const result = await withIngestRun(connectionString, describeIndexSource(source), async (client) => {
    await client.query("BEGIN");
    try {
      await client.query(indexStagingTablesSql);
      const stager = new IndexStager(client);
      const deleted: string[] = [];
      const known = await loadKnownFiles(client);
      log(`Checking ${describeIndexSource(source)} against ${known.size} known files`);
      let phase = progress.phase(`index sync: check ${source.kind === "sparse" ? "crates" : "files"}`, { unit: "files" });
      const tick = () => phase.tick();
      let checked: number;
      if (source.kind === "dir") checked = await scanDir(source.dir, known, stager, deleted, tick);
      else if (source.kind === "git") checked = await syncGit(client, source, known, stager, deleted, log, tick);
      else checked = await syncSparse(client, source, known, stager, deleted, tick);
      const staged = await stager.flush();
      phase.done();
      log(`${staged.index_files} changed files, ${deleted.length} gone; merging`);
      phase = progress.phase("index sync: merge");
      const merged = await mergeIndexChanges(client, deleted, log);
      await client.query("COMMIT");
      phase.done();
      const counts = {
        checked,
        changed: staged.index_files,
        removed: merged.removedCrates,
        versions: staged.index_versions,
        dependencies: staged.index_dependencies,
      };
      const phases = progress.summary();
      const durations = Object.fromEntries(phases.map((p) => [p.name, p.durationMs]));
      return { ...counts, phases, counts: { ...counts, durations } };
    } catch (error) {
      await client.query("ROLLBACK");
      throw error;
    }
  });
  const { counts: _counts, ...summary } = result;
  return { ...summary, durationMs: Date.now() - started };
}

async function loadKnownFiles(client: pg.ClientBase): Promise<Map<string, KnownFile>> {
  const { rows } = await client.query<KnownFile & { name_lower: string; size: string | null }>(
    `SELECT name_lower, path, size, mtime_ms, sha256, etag, last_modified FROM index_files`,
  );
  return new Map(rows.map((r) => [r.name_lower, { ...r, size: r.size === null ? null : Number(r.size) }]));
}

/** Stages one checkout file when its content differs from what was synced; returns false when it does not. */
async function stageIfChanged(dir: string, file: string, prev: KnownFile | undefined, stager: IndexStager): Promise<void> {
  const parsed = await readIndexFileAt(dir, file);
  const state = { ...parsed.stat, etag: null, last_modified: null };
  if (prev && prev.path === file && prev.sha256 === parsed.stat.sha256) {
    await stager.addState({ name_lower: parsed.name.toLowerCase(), path: file, ...state });
  } else {
    await stager.addFile(parsed, state);
  }
}

async function scanDir(
  dir: string,
  known: Map<string, KnownFile>,
  stager: IndexStager,
  deleted: string[],
  tick: () => void,
): Promise<number> {
  const seen = new Set<string>();
  let checked = 0;
  for await (const file of listIndexFiles(dir)) {
    checked++;
    tick();
    // The file name is the crate's name, lower-cased (parseIndexFile checks it when the file is read).
    const nameLower = path.posix.basename(file);
    seen.add(nameLower);
    const prev = known.get(nameLower);
    if (prev && prev.path === file) {
      const stat = await statIndexFile(dir, file);
      if (stat.size === prev.size && stat.mtime_ms === prev.mtime_ms) continue;
    }
    await stageIfChanged(dir, file, prev, stager);
  }
  for (const name of known.keys()) if (!seen.has(name)) deleted.push(name);
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
  known: Map<string, KnownFile>,
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
    return scanDir(dir, known, stager, deleted, tick);
  }
  if (last === head) return 0;
  const diff = (await git(dir, "diff", "--name-status", "--no-renames", "-z", last, head)).split("\0");
  let checked = 0;
  for (let i = 0; i + 1 < diff.length; i += 2) {
    const status = diff[i]!;
    const file = diff[i + 1]!;
    if (file === "config.json" || file.split("/").some((part) => part.startsWith("."))) continue;
    checked++;
    tick();
    const nameLower = path.posix.basename(file);
    if (status === "D") {
      if (known.has(nameLower)) deleted.push(nameLower);
    } else {
      await stageIfChanged(dir, file, known.get(nameLower), stager);
    }
  }
  return checked;
}

async function syncSparse(
  client: pg.ClientBase,
  source: Extract<IndexSource, { kind: "sparse" }>,
  known: Map<string, KnownFile>,
  stager: IndexStager,
  deleted: string[],
  tick: () => void,
): Promise<number> {
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM crates WHERE removed_at IS NULL ORDER BY name_lower`);
  const names = [...new Set([...rows.map((r) => r.name), ...(source.extraNames ?? [])])];
  let checked = 0;
  for await (const result of fetchSparseIndex({
    ...source.http,
    baseUrl: source.url,
    names,
    validators: async (name) => {
      const prev = known.get(name.toLowerCase());
      return prev ? { etag: prev.etag, lastModified: prev.last_modified } : null;
    },
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
