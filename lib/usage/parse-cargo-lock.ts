import { parse, TomlError } from "smol-toml";
import { decodeUtf8StrictBuffer } from "../ingest/decode-utf8-strict";
import { IngestError } from "../ingest/ingest-error";
import { isValidCrateName } from "../ingest/index-path";
import { semverSortKey } from "../registry/semver-sort-key";
import { MAX_LOCKFILE_BYTES, MAX_LOCKFILE_PACKAGES } from "./lockfile-limits";

/** What a Cargo.lock says a project uses. */
export interface ParsedLockfile {
  /** 0 = the oldest layout (a `[root]` table), then 1 to 4 as cargo numbers them. */
  lockfileVersion: number;
  /** Names of the packages with no source (the root or workspace members, path dependencies), sorted, deduped. */
  projectPackages: string[];
  /** crates.io packages, deduped, sorted by name then semver precedence. */
  registryPackages: { name: string; version: string }[];
  /** Packages not counted, by kind (distinct name, version and source). */
  ignored: { git: number; path: number; otherRegistry: number };
  /** Every `[[package]]` entry, plus the `[root]` of the oldest layout. */
  packageCount: number;
}

/**
 * A file the user uploaded that is not a Cargo.lock we can read. The message
 * is meant for them as is ("Cargo.lock line 12: …"); `detail` is the same
 * without the file and line, `line` the 1-based line when one is to blame.
 */
export class LockfileError extends Error {
  readonly line?: number;
  readonly detail: string;

  constructor(fileLabel: string, detail: string, line?: number, options?: ErrorOptions) {
    super(line === undefined ? `${fileLabel}: ${detail}` : `${fileLabel} line ${line}: ${detail}`, options);
    this.name = "LockfileError";
    this.detail = detail;
    if (line !== undefined) this.line = line;
  }
}

// Cargo writes crates.io as the git index URL even when it fetched through the
// sparse protocol; the sparse URL only appears through source replacement.
const CRATES_IO_SOURCES = new Set(["registry+https://github.com/rust-lang/crates.io-index", "sparse+https://index.crates.io/"]);
const MAX_VERSION_LENGTH = 100;
// Cargo accepts Unicode identifiers for packages that are never published.
const PROJECT_NAME = /^[\p{XID_Continue}-]{1,64}$/u;
// A Cargo.lock nests a table, an array of tables, a table and an array.
const MAX_TOML_DEPTH = 16;

type Table = Record<string, unknown>;

/**
 * Reads a Cargo.lock of any layout cargo has written: the `[root]` one
 * (before 2018), v1 (`[metadata]` checksums), v2 (inline checksums, no version
 * key), and `version = 3` / `version = 4`. Only crates.io packages are
 * returned by name and version; git, path and other registries are counted.
 * Throws a LockfileError for anything else, with the line when there is one.
 */
export function parseCargoLock(bytes: Uint8Array, fileLabel = "Cargo.lock"): ParsedLockfile {
  const fail = (detail: string, line?: number, options?: ErrorOptions) => new LockfileError(fileLabel, detail, line, options);

  // Callers check the size before reading the body; this is the second fence.
  if (bytes.byteLength > MAX_LOCKFILE_BYTES) {
    const mb = (n: number) => n / 1024 / 1024;
    throw fail(`the file is ${mb(bytes.byteLength).toFixed(1)} MB; at most ${mb(MAX_LOCKFILE_BYTES)} MB are accepted`);
  }
  if (bytes.byteLength === 0) throw fail("the file is empty; upload the Cargo.lock of a project");
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw fail(`the file has a NUL byte (byte offset ${nul}), so it is not a text file; upload the Cargo.lock of a project`, lineOfByte(bytes, nul));
  }
  let text: string;
  try {
    text = decodeUtf8StrictBuffer(bytes, fileLabel);
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    throw fail("the file is not UTF-8 text (invalid byte sequence); cargo always writes Cargo.lock in UTF-8", error.line ?? undefined, { cause: error });
  }
  if (text.trim() === "") throw fail("the file is empty; upload the Cargo.lock of a project");

  // Counted on the text before parsing, so a huge file is refused cheaply.
  const headers = countPackageHeaders(text);
  if (headers > MAX_LOCKFILE_PACKAGES) throw fail(tooManyPackages(headers));

  let doc: Table;
  try {
    doc = parse(text, { maxDepth: MAX_TOML_DEPTH });
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const { detail, line } = describeTomlError(text, error);
    throw fail(detail, line, { cause: error });
  }

  const root = isTable(doc.root) ? doc.root : null;
  const packages = doc.package;
  if (!Array.isArray(packages)) {
    if (looksLikeManifest(doc)) throw fail("this looks like a Cargo.toml; upload the Cargo.lock next to it");
    if (root === null) throw fail("this is not a Cargo.lock (it has no [[package]] entries)");
  }
  const entries: unknown[] = Array.isArray(packages) ? packages : [];
  const packageCount = entries.length + (root ? 1 : 0);
  if (packageCount > MAX_LOCKFILE_PACKAGES) throw fail(tooManyPackages(packageCount));

  const lockfileVersion = detectVersion(doc, root, entries, text, fail);

  const project = new Set<string>();
  const registry = new Map<string, { name: string; version: string }>();
  const git = new Set<string>();
  const path = new Set<string>();
  const otherRegistry = new Set<string>();

  const readPackage = (entry: unknown, where: PackageAt) => {
    const line = (key?: string) => packageLine(text, where, key);
    if (!isTable(entry)) throw fail("each [[package]] must be a table with a name and a version", line());
    const cutOff = where.kind === "package" && where.index === entries.length - 1 ? " (the file may be cut off)" : "";
    const name = entry.name;
    if (typeof name !== "string" || name === "") throw fail(`a [[package]] entry has no name${cutOff}`, line("name"));
    const version = entry.version;
    if (typeof version !== "string" || version === "") {
      throw fail(`package ${quote(name)} has no version${cutOff}`, line("version"));
    }
    const source = entry.source;
    if (source !== undefined && typeof source !== "string") throw fail(`package ${quote(name)} has a source that is not a string`, line("source"));
    const key = `${name} ${version} ${source ?? ""}`;

    if (source === undefined) {
      if (!PROJECT_NAME.test(name)) {
        throw fail(`${quote(name)} is not a valid package name (at most 64 letters, digits, - and _)`, line("name"));
      }
      project.add(name);
      path.add(key);
    } else if (CRATES_IO_SOURCES.has(source)) {
      if (!isValidCrateName(name)) {
        throw fail(`${quote(name)} is not a valid crate name (a letter, then at most 63 letters, digits, - and _)`, line("name"));
      }
      if (version.length > MAX_VERSION_LENGTH || !semverSortKey(version).valid) {
        throw fail(`package ${quote(name)} has version ${quote(version)}, which is not a valid version`, line("version"));
      }
      registry.set(`${name} ${version}`, { name, version });
    } else if (source.startsWith("git+")) {
      git.add(key);
    } else {
      // registry+ and sparse+ indexes other than crates.io, and any source
      // kind cargo may add later: not crates.io either way.
      otherRegistry.add(key);
    }
  };

  if (root) readPackage(root, { kind: "root" });
  entries.forEach((entry, index) => readPackage(entry, { kind: "package", index, count: entries.length }));

  const registryPackages = [...registry.values()]
    .map((p) => ({ p, versionKey: semverSortKey(p.version).key }))
    .sort((a, b) => compare(a.p.name, b.p.name) || compare(a.versionKey, b.versionKey) || compare(a.p.version, b.p.version))
    .map(({ p }) => p);

  return {
    lockfileVersion,
    projectPackages: [...project].sort(compare),
    registryPackages,
    ignored: { git: git.size, path: path.size, otherRegistry: otherRegistry.size },
    packageCount,
  };
}

type Fail = (detail: string, line?: number, options?: ErrorOptions) => LockfileError;

/**
 * The layout, by cargo's own rules (cargo/src/cargo/core/resolver/encode.rs):
 * a version key says it; without one the file is v1 unless a package carries
 * an inline checksum (v2). A lockfile with no registry packages reads the same
 * in both; cargo calls a single-package file with one trailing newline v2 (v1
 * wrote a blank line at the end), and so do we.
 */
function detectVersion(doc: Table, root: Table | null, entries: unknown[], text: string, fail: Fail): number {
  const version = doc.version;
  if (version !== undefined) {
    if (typeof version === "number" && Number.isInteger(version) && version >= 1 && version <= 4) return version;
    const shown = typeof version === "number" ? String(version) : JSON.stringify(version);
    throw fail(`lockfile version ${shown} is not supported (1 to 4 are)`, topLevelKeyLine(text, "version"));
  }
  if (root) return 0;
  if (entries.some((entry) => isTable(entry) && typeof entry.checksum === "string")) return 2;
  const metadata = isTable(doc.metadata) ? doc.metadata : {};
  if (Object.keys(metadata).some((key) => key.startsWith("checksum "))) return 1;
  const hasV1Dependency = entries.some(
    (entry) => isTable(entry) && Array.isArray(entry.dependencies) && entry.dependencies.some((dep) => typeof dep === "string" && dep.includes(" (")),
  );
  if (hasV1Dependency) return 1;
  if (entries.length === 1 && text.endsWith("\n") && !text.endsWith("\n\n")) return 2;
  return 1;
}

function looksLikeManifest(doc: Table): boolean {
  return (
    isTable(doc.package) ||
    isTable(doc.workspace) ||
    isTable(doc.dependencies) ||
    isTable(doc["dev-dependencies"]) ||
    isTable(doc["build-dependencies"])
  );
}

function isTable(value: unknown): value is Table {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
}

function tooManyPackages(count: number): string {
  return `the file has ${count.toLocaleString("en-US")} packages; at most ${MAX_LOCKFILE_PACKAGES.toLocaleString("en-US")} are accepted`;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

const PACKAGE_HEADER = /^[ \t]*\[\[[ \t]*package[ \t]*\]\]/gm;

function countPackageHeaders(text: string): number {
  let count = 0;
  PACKAGE_HEADER.lastIndex = 0;
  while (PACKAGE_HEADER.exec(text) !== null) count++;
  return count;
}

// --- Lines for error messages (only computed on the way to an error) -------

type PackageAt = { kind: "root" } | { kind: "package"; index: number; count: number };

/**
 * The line of a package's `key` (or of its header when the key is missing):
 * the n-th `[[package]]` header is the n-th entry unless the file wrote some
 * other way (inline tables), in which case no line is given.
 */
function packageLine(text: string, at: PackageAt, key?: string): number | undefined {
  const lines = text.split("\n");
  const header = at.kind === "root" ? /^[ \t]*\[[ \t]*root[ \t]*\][ \t]*(#.*)?\r?$/ : /^[ \t]*\[\[[ \t]*package[ \t]*\]\][ \t]*(#.*)?\r?$/;
  const headerLines: number[] = [];
  lines.forEach((line, i) => {
    if (header.test(line)) headerLines.push(i);
  });
  const expected = at.kind === "root" ? 1 : at.count;
  if (headerLines.length !== expected) return undefined;
  const start = headerLines[at.kind === "root" ? 0 : at.index];
  if (start === undefined) return undefined;
  if (key !== undefined) {
    const keyLine = new RegExp(`^[ \\t]*"?${key}"?[ \\t]*=`);
    for (let i = start + 1; i < lines.length && !/^[ \t]*\[/.test(lines[i]!); i++) {
      if (keyLine.test(lines[i]!)) return i + 1;
    }
  }
  return start + 1;
}

/** The line of a key before the first table header (`version = 4`). */
function topLevelKeyLine(text: string, key: string): number | undefined {
  const lines = text.split("\n");
  const keyLine = new RegExp(`^[ \\t]*"?${key}"?[ \\t]*=`);
  for (let i = 0; i < lines.length && !/^[ \t]*\[/.test(lines[i]!); i++) {
    if (keyLine.test(lines[i]!)) return i + 1;
  }
  return undefined;
}

/**
 * What to tell the user about a TOML syntax error. smol-toml's messages for
 * a cut-off file ("only letter, numbers, dashes and underscores are allowed
 * in keys", on the line after the string that was cut) would mislead, so an
 * unclosed string or list is looked for first.
 */
function describeTomlError(text: string, error: TomlError): { detail: string; line: number } {
  const unclosed = findUnclosed(text);
  if (unclosed) {
    const what = unclosed.kind === "string" ? "a quoted string" : "the list opened on this line";
    if (unclosed.atEnd) return { line: unclosed.line, detail: `the file ends inside ${what}: it looks cut off; upload the whole file` };
    return { line: unclosed.line, detail: "a quoted string is not closed on this line" };
  }
  const lastLine = text.split("\n").length;
  if (!text.endsWith("\n") && error.line >= lastLine) {
    return { line: lastLine, detail: "the file ends in the middle of a line: it looks cut off; upload the whole file" };
  }
  const reason = (error.message.split("\n")[0] ?? "").replace(/^Invalid TOML document:\s*/, "");
  return { line: error.line, detail: `not valid TOML: ${reason}` };
}

/**
 * The first string not closed on its line, or the first list not closed by
 * the end of the file. Gives up (null) on multi-line strings, which cargo
 * never writes, leaving those files to the TOML parser's message.
 */
function findUnclosed(text: string): { line: number; kind: "string" | "list"; atEnd: boolean } | null {
  let line = 1;
  const openLists: number[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      line++;
      i++;
    } else if (c === "#") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (c === '"' || c === "'") {
      if (text.startsWith(c.repeat(3), i)) return null;
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== "\n") {
        j += c === '"' && text[j] === "\\" && text[j + 1] !== "\n" ? 2 : 1;
      }
      if (j >= text.length || text[j] === "\n") return { line, kind: "string", atEnd: text.slice(j).trim() === "" };
      i = j + 1;
    } else {
      if (c === "[") openLists.push(line);
      else if (c === "]") openLists.pop();
      i++;
    }
  }
  const first = openLists[0];
  return first === undefined ? null : { line: first, kind: "list", atEnd: true };
}
