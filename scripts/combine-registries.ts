/**
 * Combines two registries (an on-disk index plus a database dump each) into
 * one that our ingest loads in a single run: the big one (the synthetic
 * registry) is streamed through unchanged, the small one (the real fixture
 * crates) is added to it. Benchmarks use it to search the real crates among a
 * synthetic crates.io (bench/relevance.ts, bench/search.ts).
 *
 *   node --import tsx scripts/combine-registries.ts --base <dir with index/ and db-dump.tar.gz> \
 *     --extra-index fixtures/crates-io-index --extra-dump <fixture db-dump.tar.gz> --out <dir>
 *
 * - index: `<out>/index` is a hard-linked copy of the base index (no data is
 *   copied; a regenerated base replaces its files, it never rewrites the old
 *   inodes) plus copies of the extra index's crate files. A crate file present
 *   in both is an error: crate names must not collide (the synthetic generator
 *   already avoids the fixture's names, case and `-`/`_` folded).
 * - dump: every CSV of the base, byte for byte, with the extra dump's rows
 *   appended (in the base's column order). The extra rows' ids get
 *   EXTRA_ID_OFFSET added (crates, versions, dependencies, users, teams,
 *   keywords) so they cannot meet the base's; categories are matched by slug
 *   (a slug both have keeps the base's row and id); keywords both have appear
 *   twice with different ids, which the ingest merges by keyword text;
 *   `metadata.total_downloads` is the sum; reserved names are the union.
 *   `crates_cnt` counts are left as each dump had them (the ingest derives its own).
 *   metadata.json and README of the base are kept (the result is as synthetic as the base).
 * - with `lendPopularity` (`--lend-popularity`; the benchmarks use it), the
 *   established extra crates take the standing of base crates of their rank
 *   first: downloads copied into their extra rows, and base index lines that
 *   depend on the lender depend on them too (scripts/lend-popularity.ts).
 *   Those index files are rewritten under new inodes; the base's stay as they are.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { cp, mkdir, readdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createGunzip, createGzip } from "node:zlib";
import { parse } from "csv-parse/sync";
import { extract, pack, type Header } from "tar-stream";
import { csvField } from "./build-dump-fixture";
import { lendPopularity, type Loan } from "./lend-popularity";

/** Added to every id of the extra dump. int4 ids: the base's must stay below it (synthetic ones do up to scale 4). */
export const EXTRA_ID_OFFSET = 1_000_000_000;

// Columns holding ids, per table. Categories' ids go through the slug map instead.
const ID_COLUMNS: Record<string, readonly string[]> = {
  crates: ["id"],
  crate_downloads: ["crate_id"],
  versions: ["id", "crate_id", "published_by"],
  default_versions: ["crate_id", "version_id"],
  dependencies: ["id", "version_id", "crate_id"],
  version_downloads: ["version_id"],
  crates_categories: ["crate_id"],
  keywords: ["id"],
  crates_keywords: ["crate_id", "keyword_id"],
  crate_owners: ["crate_id", "owner_id", "created_by"],
  users: ["id"],
  teams: ["id"],
};

export interface RegistrySource {
  indexDir: string;
  dumpPath: string;
}

export interface CombineRegistriesOptions {
  /** The large registry, streamed (the synthetic one). */
  base: RegistrySource;
  /** The small registry, added (the real fixture crates); read into memory. */
  extra: RegistrySource;
  /** Gets `index/` and `db-dump.tar.gz` (both replaced). */
  out: string;
  /** Give the established extra crates the popularity of base crates of their standing (scripts/lend-popularity.ts). */
  lendPopularity?: boolean;
  log?: (message: string) => void;
}

export interface CombinedRegistry {
  indexDir: string;
  dumpPath: string;
  /** Rows appended per table from the extra dump. */
  appended: Record<string, number>;
  /** Extra crate files added to the index. */
  extraIndexFiles: number;
  /** With lendPopularity: which extra crate borrowed from which base crate. */
  loans: Loan[];
}

interface CsvTable {
  header: string[];
  /** null = NULL (an empty unquoted field); "" = the empty string. */
  rows: (string | null)[][];
}

type Cell = string | null;

function parseCsv(text: string): CsvTable {
  const records = parse(text, {
    // COPY's CSV: an empty unquoted field is NULL, `""` is the empty string.
    cast: (value, context) => (context.header || value !== "" || context.quoting ? value : null),
    relax_column_count: false,
  }) as Cell[][];
  const [header, ...rows] = records;
  if (!header) throw new Error("empty CSV");
  return { header: header.map(String), rows };
}

/** The extra dump's tables, in memory (a few MB for the fixture). */
async function readSmallDump(dumpPath: string): Promise<Map<string, CsvTable>> {
  const tables = new Map<string, CsvTable>();
  const tar = extract();
  const feeding = pipeline(createReadStream(dumpPath), createGunzip(), tar);
  feeding.catch(() => {});
  for await (const entry of tar) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry as AsyncIterable<Buffer>) chunks.push(chunk);
    const table = /\/data\/([a-z_]+)\.csv$/.exec(entry.header.name)?.[1];
    if (table) tables.set(table, parseCsv(Buffer.concat(chunks).toString("utf8")));
  }
  await feeding;
  return tables;
}

function column(table: CsvTable, name: string): number {
  return table.header.indexOf(name);
}

function offsetId(value: Cell): Cell {
  if (value === null || value === "") return value;
  const id = Number(value) + EXTRA_ID_OFFSET;
  if (!Number.isSafeInteger(id) || id > 2_147_483_647) throw new Error(`id ${value} + offset does not fit an int4`);
  return String(id);
}

/** The extra table with its ids moved past the base's. */
function remapIds(table: string, csv: CsvTable, categoryIds: Map<string, string>): CsvTable {
  const idColumns = (ID_COLUMNS[table] ?? []).map((name) => column(csv, name)).filter((i) => i >= 0);
  const categoryColumn = table === "crates_categories" ? column(csv, "category_id") : -1;
  const rows = csv.rows.map((row) => {
    const out = [...row];
    for (const i of idColumns) out[i] = offsetId(out[i] ?? null);
    if (categoryColumn >= 0) {
      const mapped = categoryIds.get(String(out[categoryColumn]));
      if (mapped === undefined) throw new Error(`crates_categories names category ${out[categoryColumn]}, which the extra dump lacks`);
      out[categoryColumn] = mapped;
    }
    return out;
  });
  return { header: csv.header, rows };
}

/** Rows as CSV lines (no header) in `header`'s column order; columns the rows lack are NULL. */
function csvLines(rows: CsvTable, header: string[]): string {
  const positions = header.map((name) => column(rows, name));
  const missing = rows.header.filter((name) => !header.includes(name));
  if (missing.length > 0 && rows.rows.length > 0) throw new Error(`the base dump lacks columns ${missing.join(", ")}`);
  return rows.rows.map((row) => `${positions.map((i) => csvField(i < 0 ? null : (row[i] ?? null))).join(",")}\n`).join("");
}

/** What a tar entry takes: writes with back-pressure (streamx's writable, not node's). */
interface ChunkSink {
  write(chunk: Buffer): boolean;
  once(event: "drain", listener: () => void): unknown;
}

async function write(sink: ChunkSink, chunk: Buffer): Promise<void> {
  if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once("drain", resolve));
}

async function readEntry(entry: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Merges categories by slug: returns the merged CSV text and the extra id → combined id map. */
function mergeCategories(base: CsvTable, extra: CsvTable | undefined): { text: string; ids: Map<string, string>; added: number } {
  const ids = new Map<string, string>();
  const slugColumn = column(base, "slug");
  const baseIds = new Map(base.rows.map((row) => [String(row[slugColumn]), String(row[column(base, "id")])]));
  const added: CsvTable = { header: extra?.header ?? base.header, rows: [] };
  for (const row of extra?.rows ?? []) {
    const extraId = String(row[column(extra!, "id")]);
    const known = baseIds.get(String(row[column(extra!, "slug")]));
    if (known !== undefined) ids.set(extraId, known);
    else {
      const id = offsetId(extraId)!;
      ids.set(extraId, id);
      const copy = [...row];
      copy[column(extra!, "id")] = id;
      added.rows.push(copy);
    }
  }
  return { text: `${base.header.join(",")}\n${csvLines(base, base.header)}${csvLines(added, base.header)}`, ids, added: added.rows.length };
}

async function combineDumps(base: string, small: Map<string, CsvTable>, out: string): Promise<Record<string, number>> {
  const appended: Record<string, number> = {};
  const seen = new Set<string>();
  let categoryIds: Map<string, string> | null = null;
  let template: Header | null = null;

  const input = extract();
  const feeding = pipeline(createReadStream(base), createGunzip(), input);
  feeding.catch(() => {});
  const output = pack();
  const partial = `${out}.${process.pid}.partial`;
  // Level 1: the result is read once or twice by the ingest; speed matters more than size.
  const writing = pipeline(output, createGzip({ level: 1 }), createWriteStream(partial));

  const addEntry = async (header: Header, body: Buffer) => {
    await new Promise<void>((resolve, reject) => output.entry({ ...header, size: body.length }, body, (e) => (e ? reject(e) : resolve())));
  };

  for await (const entry of input) {
    const header = entry.header;
    const table = header.type === "file" ? /\/data\/([a-z_]+)\.csv$/.exec(header.name)?.[1] : undefined;
    if (table === undefined) {
      if (header.type === "directory") {
        await readEntry(entry);
        await new Promise<void>((resolve, reject) => output.entry(header, (e) => (e ? reject(e) : resolve())));
      } else await addEntry(header, await readEntry(entry));
      continue;
    }
    seen.add(table);
    template ??= header;
    const extraTable = small.get(table);
    if (table === "categories") {
      const merged = mergeCategories(parseCsv((await readEntry(entry)).toString("utf8")), extraTable);
      categoryIds = merged.ids;
      appended[table] = merged.added;
      await addEntry(header, Buffer.from(merged.text));
      continue;
    }
    if (table === "metadata" || table === "reserved_crate_names") {
      const baseCsv = parseCsv((await readEntry(entry)).toString("utf8"));
      let rows: Cell[][];
      if (table === "metadata") {
        const at = column(baseCsv, "total_downloads");
        const extraTotal = extraTable ? Number(extraTable.rows[0]?.[column(extraTable, "total_downloads")] ?? 0) : 0;
        rows = baseCsv.rows.map((row, k) => row.map((v, i) => (i === at && k === 0 ? String(Number(v) + extraTotal) : v)));
      } else {
        const names = new Set(baseCsv.rows.map((row) => String(row[0])));
        rows = [...baseCsv.rows, ...(extraTable?.rows ?? []).filter((row) => !names.has(String(row[0])))];
      }
      appended[table] = rows.length - baseCsv.rows.length;
      await addEntry(header, Buffer.from(`${baseCsv.header.join(",")}\n${csvLines({ header: baseCsv.header, rows }, baseCsv.header)}`));
      continue;
    }

    // A big table: stream it, then the extra rows. The tar header needs the
    // final size first, so the base's header line is read before anything is written.
    const chunks: Buffer[] = [];
    const iterator = (entry as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let head = Buffer.alloc(0);
    while (!head.includes(0x0a)) {
      const next = await iterator.next();
      if (next.done) break;
      chunks.push(next.value);
      head = Buffer.concat([head, next.value]);
    }
    const baseHeader = head.subarray(0, head.indexOf(0x0a)).toString("utf8").replace(/\r$/, "").split(",");
    if (table === "crates_categories" && extraTable && categoryIds === null) throw new Error("categories.csv must come before crates_categories.csv in the base dump");
    const extraText = extraTable ? csvLines(remapIds(table, extraTable, categoryIds ?? new Map()), baseHeader) : "";
    const extraBytes = Buffer.from(extraText);
    appended[table] = extraTable?.rows.length ?? 0;
    let sink!: ReturnType<typeof output.entry>;
    const done = new Promise<void>((resolve, reject) => {
      sink = output.entry({ ...header, size: (header.size ?? 0) + extraBytes.length }, (e) => (e ? reject(e) : resolve()));
    });
    let last = 0;
    for (const chunk of chunks) {
      await write(sink, chunk);
      last = chunk.at(-1) ?? last;
    }
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      await write(sink, next.value);
      last = next.value.at(-1) ?? last;
    }
    if (extraBytes.length > 0 && last !== 0x0a) throw new Error(`${header.name} does not end with a newline; cannot append to it`);
    sink.end(extraBytes);
    await done;
  }
  await feeding;
  if (template === null) throw new Error(`${base} has no data/*.csv entries`);
  // Tables only the extra dump has become entries of their own.
  for (const [table, csv] of small) {
    if (seen.has(table)) continue;
    const text = `${csv.header.join(",")}\n${csvLines(remapIds(table, csv, categoryIds ?? new Map()), csv.header)}`;
    appended[table] = csv.rows.length;
    await addEntry({ ...template, name: template.name.replace(/[a-z_]+\.csv$/, `${table}.csv`) }, Buffer.from(text));
  }
  output.finalize();
  await writing;
  await rename(partial, out);
  return appended;
}

/** Crate files of an index (every file but config.json and dotfiles), relative to it. */
async function indexFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name === "config.json" || entry.name.startsWith(".")) continue;
    const relative = path.relative(dir, path.join(entry.parentPath, entry.name));
    if (relative.split(path.sep).some((part) => part.startsWith("."))) continue;
    files.push(relative);
  }
  return files.sort();
}

async function combineIndexes(base: string, extra: string, out: string): Promise<number> {
  await rm(out, { recursive: true, force: true });
  await mkdir(path.dirname(out), { recursive: true });
  // Hard links: instant at any scale, no data copied. Falls back to a copy across file systems.
  const linked = spawnSync("cp", ["-al", base, out], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (linked.status !== 0) {
    await rm(out, { recursive: true, force: true });
    await cp(base, out, { recursive: true });
  }
  const files = await indexFiles(extra);
  for (const file of files) {
    // errorOnExist + force false: a crate file both have is a name collision, not something to overwrite.
    await cp(path.join(extra, file), path.join(out, file), { errorOnExist: true, force: false });
  }
  return files.length;
}

export async function combineRegistries(options: CombineRegistriesOptions): Promise<CombinedRegistry> {
  const log = options.log ?? (() => {});
  const out = path.resolve(options.out);
  await mkdir(out, { recursive: true });
  const indexDir = path.join(out, "index");
  const dumpPath = path.join(out, "db-dump.tar.gz");
  const small = await readSmallDump(options.extra.dumpPath);
  log(`combining indexes into ${indexDir}`);
  const extraIndexFiles = await combineIndexes(options.base.indexDir, options.extra.indexDir, indexDir);
  let loans: Loan[] = [];
  if (options.lendPopularity) {
    const lent = await lendPopularity({ baseDumpPath: options.base.dumpPath, small, indexDir, baseFiles: await indexFiles(options.base.indexDir), log });
    loans = lent.loans;
  }
  log(`combining dumps into ${dumpPath}`);
  const appended = await combineDumps(options.base.dumpPath, small, dumpPath);
  return { indexDir, dumpPath, appended, extraIndexFiles, loans };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      "extra-index": { type: "string" },
      "extra-dump": { type: "string" },
      out: { type: "string" },
      "lend-popularity": { type: "boolean" },
    },
  });
  if (!values.base || !values["extra-index"] || !values["extra-dump"] || !values.out) {
    throw new Error("usage: combine-registries.ts --base <dir> --extra-index <index dir> --extra-dump <db-dump.tar.gz> --out <dir> [--lend-popularity]");
  }
  const result = await combineRegistries({
    base: { indexDir: path.join(values.base, "index"), dumpPath: path.join(values.base, "db-dump.tar.gz") },
    extra: { indexDir: values["extra-index"], dumpPath: values["extra-dump"] },
    out: values.out,
    lendPopularity: values["lend-popularity"] ?? false,
    log: (m) => console.log(`[combine] ${m}`),
  });
  console.log(JSON.stringify(result));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}

