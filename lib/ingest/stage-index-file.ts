import type pg from "pg";
import { semverSortKey } from "../registry/semver-sort-key";
import { BatchInserter } from "./batch-inserter";
import type { BatchedWriter } from "./batched-writer";
import { CopyInserter } from "./copy-inserter";
import type { IndexFile } from "./read-index-dir";

/** What a sync remembers of one index file (the index_files table). */
export interface IndexFileState {
  name_lower: string;
  path: string;
  size?: number | null;
  mtime_ms?: number | null;
  sha256?: string | null;
  etag?: string | null;
  last_modified?: string | null;
}

// The staging tables' columns (staging-tables.ts), in order, for COPY.
const VERSION_COLUMNS = ["file", "line", "name", "name_lower", "num", "sort_key", "prerelease", "yanked", "checksum", "features",
  "rust_version", "links", "v", "pubtime"] as const;
const DEP_COLUMNS = ["seq", "name_lower", "num", "crate_name", "explicit_name", "req", "optional", "default_features", "features",
  "target", "kind"] as const;
const FILE_COLUMNS = ["name_lower", "path", "size", "mtime_ms", "sha256", "etag", "last_modified"] as const;

type Columns<C extends readonly string[]> = Partial<Record<C[number], unknown>>;

/**
 * Stages parsed index files into the run's temporary tables (st_index_version,
 * st_index_dep, st_index_file; see staging-tables.ts), in batches: with COPY
 * on a real server (`copy`), else with batched INSERTs (the embedded database).
 */
export class IndexStager {
  private readonly versions: BatchedWriter<Columns<typeof VERSION_COLUMNS>>;
  private readonly deps: BatchedWriter<Columns<typeof DEP_COLUMNS>>;
  private readonly states: BatchedWriter<Columns<typeof FILE_COLUMNS>>;
  files = 0;

  constructor(client: pg.ClientBase, options: { copy: boolean }) {
    const writer = <C extends readonly string[]>(table: string, columns: C): BatchedWriter<Columns<C>> =>
      options.copy ? new CopyInserter<Columns<C>>(client, table, columns) : new BatchInserter<Columns<C>>(client, table);
    this.versions = writer("st_index_version", VERSION_COLUMNS);
    this.deps = writer("st_index_dep", DEP_COLUMNS);
    this.states = writer("st_index_file", FILE_COLUMNS);
  }

  /** A file whose content is new: its versions and dependencies, and (when given) its state. */
  async addFile(file: IndexFile, state?: Omit<IndexFileState, "name_lower" | "path">): Promise<void> {
    this.files++;
    const nameLower = file.name.toLowerCase();
    for (const [i, v] of file.versions.entries()) {
      const sort = semverSortKey(v.vers);
      await this.versions.add({
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
        await this.deps.add({
          // Numbers the run's dependency rows: a first load uses it as their ids.
          seq: this.deps.count + 1,
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
    if (state) await this.states.add({ name_lower: nameLower, path: file.file, ...state });
  }

  /** A file whose content did not change but whose remembered state did (a new mtime, say). */
  async addState(state: IndexFileState): Promise<void> {
    await this.states.add(state);
  }

  async flush(): Promise<{ index_files: number; index_versions: number; index_dependencies: number }> {
    await this.versions.flush();
    await this.deps.flush();
    await this.states.flush();
    return { index_files: this.files, index_versions: this.versions.count, index_dependencies: this.deps.count };
  }
}
