import { createHash } from "node:crypto";
import { closeSync, fstatSync, openSync, readFileSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { decodeUtf8StrictBuffer } from "./decode-utf8-strict";
import { checkAt, IngestError, parseJsonAt } from "./ingest-error";
import { indexPath } from "./index-path";
import { parseIndexLine, type IndexVersion } from "./parse-index-line";

export interface IndexFile {
  /** Path relative to the index root, `/`-separated (`se/rd/serde`). */
  file: string;
  /** Published case, from the lines (`openAPI_test_davidkim`). */
  name: string;
  /** In file order, which is publish order, not semver order. */
  versions: IndexVersion[];
  /** Physical line number (1-based) of each entry of `versions`, for error reports. */
  lines: number[];
}

// Byte order rather than localeCompare, so the walk is the same on every machine.
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Paths (relative, `/`-separated) of every crate file under an index checkout, sorted depth-first. */
export function listIndexFiles(root: string): AsyncGenerator<string> {
  return walk(root, "");
}

async function* walk(root: string, relative: string): AsyncGenerator<string> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => byName(a.name, b.name));
  for (const entry of entries) {
    // .git, .github and editor droppings are not crates.
    if (entry.name.startsWith(".")) continue;
    if (relative === "" && entry.name === "config.json") continue;
    const child = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) yield* walk(root, child);
    else yield child;
  }
}

export function parseIndexFile(file: string, text: string): IndexFile {
  const versions: IndexVersion[] = [];
  const lineNumbers: number[] = [];
  const seen = new Set<string>();
  let name: string | null = null;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    if (raw.trim() === "") continue;
    const lineNo = i + 1;
    const version = parseIndexLine(raw, file, lineNo);
    if (name === null) {
      name = version.name;
      const expected = indexPath(name);
      if (file !== expected) {
        throw new IngestError(file, lineNo, `crate "${name}" belongs at ${expected}, not ${file}`);
      }
    } else if (version.name.toLowerCase() !== name.toLowerCase()) {
      throw new IngestError(file, lineNo, `line is for crate "${version.name}" but the file is for "${name}"`);
    }
    // versions are unique per crate on crates.io; a repeat means a corrupt or
    // badly merged file, and would break the (crate, num) key downstream.
    if (seen.has(version.vers)) {
      throw new IngestError(file, lineNo, `version ${version.vers} appears more than once`);
    }
    seen.add(version.vers);
    versions.push(version);
    lineNumbers.push(lineNo);
  }
  if (name === null) throw new IngestError(file, null, "file has no version lines");
  return { file, name, versions, lines: lineNumbers };
}

/**
 * Every crate file under an index checkout, in a fixed order (sorted
 * depth-first). Files are small (the biggest crates.io ones are a few MB), so
 * each is read whole; the directory is streamed one file at a time.
 */
export async function* readIndexDir(root: string): AsyncGenerator<IndexFile & { stat: IndexFileStat }> {
  for await (const file of walk(root, "")) yield await readIndexFileAt(root, file);
}

/** Size and mtime (a cheap "unchanged" test) and a content hash (the real one). */
export interface IndexFileStat {
  size: number;
  mtime_ms: number;
  sha256: string;
}

export async function statIndexFile(root: string, file: string): Promise<{ size: number; mtime_ms: number }> {
  const s = await stat(path.join(root, file));
  return { size: s.size, mtime_ms: s.mtimeMs };
}

/** One crate file of a checkout, parsed, with what a later sync compares it by. */
export async function readIndexFileAt(root: string, file: string): Promise<IndexFile & { stat: IndexFileStat }> {
  const [bytes, s] = readFileAndStat(path.join(root, file));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { ...parseIndexFile(file, decodeUtf8StrictBuffer(bytes, file)), stat: { ...s, sha256 } };
}

const indexConfigSchema = z.object({
  dl: z.string().min(1),
  api: z.string().min(1).optional(),
});

export type IndexConfig = z.infer<typeof indexConfigSchema>;

/** The index's config.json, or null when the checkout has none. */
export async function readIndexConfig(root: string): Promise<IndexConfig | null> {
  let text: string;
  try {
    text = await readFile(path.join(root, "config.json"), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return checkAt(indexConfigSchema, parseJsonAt(text, "config.json", null), "config.json", null);
}

/**
 * A file's bytes, size and mtime through one descriptor, synchronously: index
 * files are small and usually in the page cache, and four promise-based calls
 * per file (open, stat, read, close, each a round trip through libuv's thread
 * pool) left a full index read idle 40% of its time.
 */
function readFileAndStat(file: string): [Buffer, { size: number; mtime_ms: number }] {
  const fd = openSync(file, "r");
  try {
    const s = fstatSync(fd);
    return [readFileSync(fd), { size: s.size, mtime_ms: s.mtimeMs }];
  } finally {
    closeSync(fd);
  }
}
