/**
 * Generates a synthetic crates.io registry for benchmarks: a database dump
 * tarball in the real layout (docs/DB-DUMP-FORMAT.md) and an on-disk index
 * (docs/INDEX-FORMAT.md) that agree with each other. Nothing in it is real:
 * names, descriptions, owners and numbers are invented, and both outputs say
 * so (metadata.json has `"synthetic": true`, the tarball has a README.txt).
 *
 *   node --import tsx scripts/generate-synthetic-registry.ts --out <dir> [--scale 0.1 | --full] [--seed 1]
 *
 * Scale 1 (--full) is about today's crates.io: 250,000 crates, ~2 million
 * versions, ~12 dependencies per version. Smaller scales shrink the crate
 * count and keep every per-crate distribution.
 *
 * The output is byte-identical for a given seed and scale: every value comes
 * from a PRNG keyed by (seed, purpose, crate), never from the clock. Memory
 * stays bounded at any scale: per-crate state lives in typed arrays, rows are
 * appended to per-table CSV files on disk as each crate is generated, index
 * files are written one per crate, and the tarball is then packed by
 * streaming those files through tar and gzip.
 */
import { createHash } from "node:crypto";
import {
  closeSync, createReadStream, createWriteStream, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { once } from "node:events";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { createGzip } from "node:zlib";
import { pack, type Pack } from "tar-stream";
import { DUMP_TABLES, type DumpTable } from "../lib/ingest/dump-rows";
import { indexPath, isValidCrateName } from "../lib/ingest/index-path";
import {
  CRATES_IO_LAUNCH,
  csvField,
  DOWNLOAD_DAYS,
  DUMP_FOLDER,
  DUMP_TIME,
  LAST_DOWNLOAD_DAY,
  pgTimestamp,
  PUBLISHED_BY_SINCE,
} from "./build-dump-fixture";
import {
  ADJECTIVES, CATEGORIES, CFG_TARGETS, DEP_FEATURES, EXTRA_SENTENCES, FAMILY_SUFFIXES, FEATURE_NAMES, GENERAL_STEMS, LICENSES,
  RESERVED_NAMES, SUFFIXES, SYLLABLES, TAILS, TOPICS, type Topic,
} from "./generate-synthetic-registry-vocabulary";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface SyntheticRegistryOptions {
  /** Output directory; gets `db-dump.tar.gz` and `index/` (an existing `index/` is replaced). */
  out: string;
  /** 1 = crates.io-sized (250,000 crates); 0.1 = 25,000 crates. */
  scale: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** Progress lines (about every 10%). */
  log?: (message: string) => void;
}

export interface SyntheticRegistryResult {
  /** Rows per dump table, plus `index_files` and `index_lines`. */
  counts: Record<string, number>;
  dumpPath: string;
  indexDir: string;
  /** Bytes: the tarball, the CSVs before compression, the index files. */
  sizes: { dumpBytes: number; csvBytes: number; indexBytes: number };
  seconds: number;
}

export const FULL_SCALE_CRATES = 250_000;

// Versions published since then carry copies of their manifest metadata in
// the dump (edition, description, ...); older ones have NULLs, as in the real dump.
const MANIFEST_COPIES_SINCE = Date.UTC(2024, 0, 1);
const PUBTIME_SINCE = Date.UTC(2025, 0, 1);
// Cargo 1.60 introduced `dep:` features, which crates.io keeps in features2.
const DEP_FEATURE_SYNTAX_SINCE = Date.UTC(2022, 3, 7);
const RUST_1_56 = Date.UTC(2021, 9, 21);
const CATEGORIES_CREATED = Date.UTC(2017, 0, 17, 18, 0, 0);
const DAY = 86_400_000;
const YEAR = 365.25 * DAY;
// Version ids follow publish time: sort keys are (seconds since launch) · 2^24 + sequence, exact in a double.
const VERSION_SEQ_BITS = 2 ** 24;
const KEYWORD_VOCABULARY_SIZE = 2000;
const MAX_VERSIONS_PER_CRATE = 1000;
const MAX_DEPENDENCIES_PER_CRATE = 150;
const MAX_CRATE_SIZE = 10 * 1024 * 1024;

const COLUMNS: Record<DumpTable, readonly string[]> = {
  crates: ["id", "name", "updated_at", "created_at", "description", "homepage", "documentation", "repository", "readme", "max_upload_size", "max_features"],
  crate_downloads: ["crate_id", "downloads"],
  versions: [
    "id", "crate_id", "num", "num_no_build", "updated_at", "created_at", "downloads", "features", "yanked", "license", "crate_size",
    "published_by", "checksum", "links", "rust_version", "has_lib", "bin_names", "edition", "description", "homepage", "documentation",
    "repository", "categories", "keywords",
  ],
  default_versions: ["crate_id", "version_id", "num_versions"],
  dependencies: ["id", "version_id", "crate_id", "req", "optional", "default_features", "features", "target", "kind", "explicit_name"],
  version_downloads: ["version_id", "downloads", "date"],
  categories: ["id", "category", "slug", "description", "crates_cnt", "created_at", "path"],
  crates_categories: ["crate_id", "category_id"],
  keywords: ["id", "keyword", "crates_cnt", "created_at"],
  crates_keywords: ["crate_id", "keyword_id"],
  crate_owners: ["crate_id", "owner_id", "owner_kind", "created_at", "created_by"],
  users: ["id", "gh_login", "name", "gh_avatar", "gh_id"],
  teams: ["id", "login", "github_id", "name", "avatar", "org_id"],
  metadata: ["total_downloads"],
  reserved_crate_names: ["name"],
};

// ---------------------------------------------------------------------------
// Deterministic randomness: one sfc32 stream per (seed, purpose, index).

const enum Stream {
  Plan = 1,
  Name,
  Popularity,
  VersionCount,
  VersionTimes,
  VersionNums,
  Yank,
  Deps,
  Meta,
  Downloads,
  Recent,
  Owners,
  Checksum,
  User,
  Team,
  Vocabulary,
}

function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

const HEX_SCRATCH = Buffer.alloc(32);

class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: Stream, index: number) {
    this.a = mix32((seed >>> 0) ^ 0x9e3779b9);
    this.b = mix32((this.a + Math.imul(stream, 0x632be5ab)) >>> 0);
    this.c = mix32((this.b ^ (index >>> 0)) + 0x6a09e667);
    this.d = mix32((this.c + Math.imul(index >>> 0, 0x27d4eb2f) + 1) >>> 0);
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** [0, 1) */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  between(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(1 - this.next())) * Math.cos(2 * Math.PI * this.next());
  }

  hex64(): string {
    for (let i = 0; i < 8; i++) HEX_SCRATCH.writeUInt32BE(this.u32(), i * 4);
    return HEX_SCRATCH.toString("hex");
  }
}

function weightedPick<T>(rng: Rng, items: readonly (readonly [T, number])[]): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = rng.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

// ---------------------------------------------------------------------------
// Output files

/**
 * Bytes appended to a buffer. The hot rows (dependencies, index lines, daily
 * downloads: tens of millions at full scale) are written piecewise with
 * `int` / `bytes` instead of building a string per row, which is several
 * times faster and keeps the garbage collector out of the way.
 */
class ByteSink {
  protected buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Makes room for `n` more bytes; in memory the buffer grows, on disk it is flushed. */
  protected room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** A non-negative integer in decimal. */
  int(n: number): void {
    this.room(20);
    const b = this.buf;
    let p = this.pos;
    if (n < 10) {
      b[p++] = 48 + n;
    } else {
      const start = p;
      while (n > 0) {
        const q = Math.floor(n / 10);
        b[p++] = 48 + n - q * 10;
        n = q;
      }
      for (let x = start, y = p - 1; x < y; x++, y--) {
        const t = b[x]!;
        b[x] = b[y]!;
        b[y] = t;
      }
    }
    this.pos = p;
  }

  char(code: number): void {
    this.room(1);
    this.buf[this.pos++] = code;
  }

  bytes(data: Uint8Array): void {
    this.room(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }

  text(value: string): void {
    this.room(value.length * 3);
    this.pos += this.buf.write(value, this.pos, "utf8");
  }

  contents(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

const COMMA = 44;
const NEWLINE = 10;

/** A dump table being written to a CSV file on disk, through a 4 MB buffer. */
class TableFile extends ByteSink {
  rows = 0;
  written = 0;
  private readonly fd: number;

  constructor(readonly file: string, columns: readonly string[]) {
    super(4 << 20);
    this.fd = openSync(file, "w");
    this.text(`${columns.join(",")}\n`);
  }

  protected override room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    this.flush();
    if (n > this.buf.length) this.buf = Buffer.allocUnsafe(n);
  }

  /** Ends a row written piecewise. */
  endRow(): void {
    this.char(NEWLINE);
    this.rows++;
  }

  add(line: string): void {
    this.text(line);
    this.endRow();
  }

  /** A row of cells written with the fixture's COPY-CSV rules. */
  addCells(cells: Parameters<typeof csvField>[0][]): void {
    this.add(cells.map(csvField).join(","));
  }

  flush(): void {
    if (this.pos === 0) return;
    this.written += writeAll(this.fd, this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

function writeAll(fd: number, buffer: Buffer): number {
  let done = 0;
  while (done < buffer.length) done += writeSync(fd, buffer, done, buffer.length - done);
  return buffer.length;
}

/** Streams `entries` (tar name → file on disk, or text) and `directories` into a gzip'd tar with fixed headers, in sorted order. */
async function packTarball(out: string, entries: Map<string, { path: string } | { text: string }>, directories: string[]): Promise<void> {
  const archive: Pack = pack();
  const gzip = createGzip({ level: 6 });
  const writing = pipeline(archive, gzip, createWriteStream(out));
  // As in build-dump-fixture: root-owned, fixed mtime, sorted, so equal inputs give equal bytes.
  const owner = { uid: 0, gid: 0, uname: "", gname: "", mtime: new Date(DUMP_TIME) };
  // `writing` settles only after finalize(), unless gzip or the file fails: racing it stops a stuck entry.
  const added = (entry: Promise<void>) => Promise.race([entry, writing]);
  const names = [...directories, ...entries.keys()].sort();
  for (const name of names) {
    const entry = entries.get(name);
    if (!entry) {
      await added(new Promise<void>((resolve, reject) =>
        archive.entry({ ...owner, name, type: "directory", mode: 0o755 }, (error) => (error ? reject(error) : resolve())),
      ));
    } else if ("text" in entry) {
      await added(new Promise<void>((resolve, reject) =>
        archive.entry({ ...owner, name, type: "file", mode: 0o644 }, Buffer.from(entry.text, "utf8"), (error) => (error ? reject(error) : resolve())),
      ));
    } else {
      const source = entry.path;
      const size = statSync(source).size;
      await added(new Promise<void>((resolve, reject) => {
        const sink = archive.entry({ ...owner, name, type: "file", mode: 0o644, size }, (error) => (error ? reject(error) : resolve()));
        (async () => {
          for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
            if (!sink.write(chunk as Buffer)) await once(sink, "drain");
          }
          sink.end(undefined);
        })().catch(reject);
      }));
    }
  }
  archive.finalize();
  await writing;
}

// ---------------------------------------------------------------------------
// Names and text

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function syllableWord(rng: Rng, min: number, max: number): string {
  let word = "";
  const count = rng.int(min, max);
  for (let k = 0; k < count; k++) word += rng.pick(SYLLABLES);
  return word;
}

function stemFor(rng: Rng, topic: Topic): string {
  return rng.chance(0.55) ? rng.pick(topic.stems) : rng.pick(GENERAL_STEMS);
}

function separator(rng: Rng): string {
  const r = rng.next();
  return r < 0.7 ? "-" : r < 0.95 ? "_" : "";
}

/** One candidate name; the caller retries until it is unused. */
function candidateName(rng: Rng, index: number, topic: Topic, familyBase: string | null, attempt: number): string {
  if (familyBase !== null && attempt < 8) {
    const sep = familyBase.includes("_") ? "_" : "-";
    return `${familyBase}${sep}${rng.pick(FAMILY_SUFFIXES).replace(/-/g, sep)}`;
  }
  // A sprinkle of very short names, so every index path shape (1/, 2/, 3/x/) appears.
  if (attempt < 4 && index % 997 === 13) return String.fromCharCode(97 + rng.int(0, 25));
  if (attempt < 4 && index % 211 === 7) return String.fromCharCode(97 + rng.int(0, 25)) + String.fromCharCode(97 + rng.int(0, 25));
  if (attempt < 4 && index % 53 === 5) return rng.pick(SYLLABLES).slice(0, 2) + String.fromCharCode(97 + rng.int(0, 25));
  const r = rng.next();
  let parts: string[];
  let sep = separator(rng);
  if (r < 0.3) parts = [stemFor(rng, topic), stemFor(rng, topic)];
  else if (r < 0.5) parts = [stemFor(rng, topic), rng.pick(SUFFIXES)];
  else if (r < 0.66) parts = [syllableWord(rng, 2, 3)];
  else if (r < 0.78) parts = [syllableWord(rng, 2, 2), rng.pick(topic.stems)];
  else if (r < 0.86) parts = rng.chance(0.5) ? [rng.pick(topic.stems), "rs"] : ["rust", rng.pick(topic.stems)];
  else if (r < 0.95) {
    parts = [stemFor(rng, topic), rng.pick(topic.stems)];
    sep = "";
  } else parts = [stemFor(rng, topic), rng.pick(topic.stems), rng.pick(SUFFIXES)];
  if (rng.chance(0.04)) parts.push(String(rng.int(2, 9)));
  // About 1.5% of names are published with capitals (`JsonKit`, `Zorimel-http`).
  if (rng.chance(0.015)) return rng.chance(0.5) ? parts.map(capitalize).join("") : capitalize(parts.join(sep));
  return parts.join(sep);
}

/** crates.io refuses names that differ only by case or by `-` / `_`. */
function nameKey(name: string): string {
  return name.toLowerCase().replace(/_/g, "-");
}

function article(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? "An" : "A";
}

function descriptionFor(rng: Rng, topic: Topic): string {
  const noun = rng.pick(topic.nouns);
  const adjective = rng.pick(ADJECTIVES);
  const r = rng.next();
  let text: string;
  if (r < 0.45) text = `${article(adjective)} ${adjective} ${noun} ${rng.pick(TAILS)}.`;
  else if (r < 0.65) {
    const second = rng.pick(ADJECTIVES);
    text = `${article(adjective)} ${adjective} and ${second === adjective ? "well-tested" : second} ${noun}.`;
  } else if (r < 0.8) text = `${capitalize(noun)} ${rng.pick(TAILS)}.`;
  else text = `${article(noun)} ${noun} ${rng.pick(TAILS)}. ${rng.pick(EXTRA_SENTENCES)}`;
  // A few texts that exercise CSV quoting, formula-looking starts and UTF-8.
  const odd = rng.next();
  if (odd < 0.01) text = `${text} Handles "quoted", comma-separated input.`;
  else if (odd < 0.015) text = `=${text}`;
  else if (odd < 0.025) text = `${text} Ünïcode-aware — naïve façade for 日本語 text.`;
  else if (odd < 0.03) text = `${text}\nSecond line of the description.`;
  return text;
}

function readme(rng: Rng, name: string, description: string, version: string, topic: Topic, license: string | null): string {
  const lines = [`# ${name}`, "", description, "", "## Features", ""];
  const features = rng.int(2, 5);
  for (let k = 0; k < features; k++) lines.push(`- ${capitalize(rng.pick(ADJECTIVES))} ${rng.pick(topic.nouns)}`);
  lines.push("", "## Usage", "", "Add this to your `Cargo.toml`:", "", "```toml", "[dependencies]", `${name} = "${version}"`, "```", "");
  const paragraphs = rng.int(0, 3);
  for (let k = 0; k < paragraphs; k++) lines.push(`${rng.pick(EXTRA_SENTENCES)} ${rng.pick(EXTRA_SENTENCES)}`, "");
  if (license) lines.push("## License", "", `Licensed under ${license}.`, "");
  lines.push("_Synthetic crate generated by cratelist's benchmark generator; it is not a real project._");
  return lines.join("\n");
}

/** ~2000 keywords: every topic keyword first (the common ones), then invented compounds. */
function keywordVocabulary(): string[] {
  const words = new Set<string>();
  for (const topic of TOPICS) for (const keyword of topic.keywords) words.add(keyword);
  // Fixed seed: the vocabulary is the same for every --seed and scale.
  const rng = new Rng(0, Stream.Vocabulary, 0);
  const stems = [...new Set(TOPICS.flatMap((t) => t.stems).concat(GENERAL_STEMS))];
  while (words.size < KEYWORD_VOCABULARY_SIZE) {
    const r = rng.next();
    const word = r < 0.5 ? `${rng.pick(stems)}-${rng.pick(stems)}` : r < 0.8 ? `${rng.pick(stems)}-${rng.pick(SUFFIXES)}` : `${rng.pick(stems)}${rng.pick(SUFFIXES)}`;
    if (word.length <= 20 && /^[a-z][a-z0-9_-]*$/.test(word)) words.add(word);
  }
  return [...words];
}

/** Names already taken by the real fixture index (so both can be loaded together) and reserved names. */
function takenNames(): Set<string> {
  const taken = new Set(RESERVED_NAMES.map(nameKey));
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".") || entry.name === "config.json") continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else taken.add(nameKey(entry.name));
    }
  };
  walk(path.join(ROOT, "fixtures/crates-io-index"));
  return taken;
}

// ---------------------------------------------------------------------------
// Versions

const enum CrateKind {
  Normal = 0,
  Placeholder = 1,
  AllYanked = 2,
}

interface VersionNums {
  nums: string[];
  prerelease: boolean[];
  major: number[];
  minor: number[];
  patch: number[];
}

/** Publish times, strictly increasing, first = crate creation, all before the dump. */
function versionTimes(seed: number, i: number, count: number, created: number, activity: number): number[] {
  const rng = new Rng(seed, Stream.VersionTimes, i);
  const times = [created];
  if (count === 1) return times;
  const span = DUMP_TIME - DAY - created;
  // Active crates publish until recently; others stopped somewhere along the way.
  const planned = rng.chance(activity)
    ? DUMP_TIME - rng.between(1, 90) * DAY
    : created + span * Math.max(rng.next() ** 1.5, Math.min(1, (count * 2 * DAY) / span));
  // Room for at least a minute per version (crates are created at least 30 days before the dump).
  const until = Math.min(DUMP_TIME - DAY, Math.max(planned, created + count * 60_000));
  const gaps: number[] = [];
  let total = 0;
  for (let k = 1; k < count; k++) {
    const gap = -Math.log(1 - rng.next()) + 0.02;
    gaps.push(gap);
    total += gap;
  }
  let acc = 0;
  for (let k = 1; k < count; k++) {
    acc += gaps[k - 1]!;
    const t = Math.floor(created + ((until - created) * acc) / total);
    times.push(Math.min(DUMP_TIME - 1000, Math.max(t, times[k - 1]! + 1000 + rng.int(0, 999))));
  }
  return times;
}

/** Version numbers in increasing semver order (publish order = precedence order, so the default version is easy). */
function versionNums(seed: number, i: number, count: number, kind: CrateKind): VersionNums {
  const rng = new Rng(seed, Stream.VersionNums, i);
  const out: VersionNums = { nums: [], prerelease: [], major: [], minor: [], patch: [] };
  const push = (major: number, minor: number, patch: number, pre: string | null, build: string | null) => {
    out.nums.push(`${major}.${minor}.${patch}${pre ? `-${pre}` : ""}${build ? `+${build}` : ""}`);
    out.prerelease.push(pre !== null);
    out.major.push(major);
    out.minor.push(minor);
    out.patch.push(patch);
  };
  if (kind === CrateKind.Placeholder) {
    const num = weightedPick(rng, [["0.0.0", 2], ["0.0.1", 4], ["0.1.0", 4]] as const);
    const [major, minor, patch] = num.split(".").map(Number) as [number, number, number];
    push(major, minor, patch, null, null);
    return out;
  }
  const start = weightedPick(rng, [["0.0.1", 15], ["0.1.0", 60], ["1.0.0", 15], ["0.2.0", 10]] as const);
  let [major, minor, patch] = start.split(".").map(Number) as [number, number, number];
  // A prerelease train towards the next major: `2.0.0-alpha.1`, `-beta.1`, `-rc.1`, then `2.0.0`.
  let train: { stage: number; n: number } | null = null;
  const stages = ["alpha", "beta", "rc"];
  for (let k = 0; k < count; k++) {
    if (k > 0) {
      if (train) {
        if (rng.chance(0.55) && k < count - 1) {
          if (rng.chance(0.35) && train.stage < 2) train = { stage: train.stage + 1, n: 1 };
          else train.n++;
          push(major, 0, 0, `${stages[train.stage]}.${train.n}`, null);
          continue;
        }
        train = null;
        push(major, 0, 0, null, null);
        minor = 0;
        patch = 0;
        continue;
      }
      const r = rng.next();
      if (r < 0.01 && count - k > 2) {
        major = major === 0 ? 1 : major + 1;
        minor = 0;
        patch = 0;
        train = { stage: rng.int(0, 2), n: 1 };
        push(major, 0, 0, `${stages[train.stage]}.1`, null);
        continue;
      }
      if (r < 0.025) {
        if (major === 0 && rng.chance(0.6)) minor++;
        else {
          major++;
          minor = 0;
        }
        patch = 0;
      } else if (r < 0.25) {
        minor++;
        patch = 0;
      } else patch++;
    }
    push(major, minor, patch, null, rng.chance(0.004) ? `build.${rng.int(1, 99)}` : null);
  }
  return out;
}

function reqFor(rng: Rng, major: number, minor: number, patch: number, old: boolean): string {
  let m = major;
  let n = minor;
  let p = patch;
  if (old) {
    if (m > 0 && rng.chance(0.3)) m--;
    else if (n > 0) n = rng.int(0, n - 1);
    p = 0;
  }
  const r = rng.next();
  if (r < 0.55) return `^${m}.${n}`;
  if (r < 0.75) return `^${m}.${n}.${p}`;
  if (r < 0.87) return `${m}.${n}`;
  if (r < 0.91) return `~${m}.${n}.${p}`;
  if (r < 0.94) return `=${m}.${n}.${p}`;
  if (r < 0.97) return `>=${m}.${n}, <${m + 1}.0.0`;
  if (r < 0.99) return "*";
  return `<=${m}.${n + 1}`;
}

/** Splits `total` over `weights` in whole numbers that sum exactly to `total`. */
function allocate(total: number, weights: number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total;
  for (const x of out) rest -= x;
  for (let k = out.length - 1; rest > 0; k = (k - 1 + out.length) % out.length) {
    out[k]!++;
    rest--;
  }
  return out;
}

/** log10(all-time downloads) at a popularity rank, shaped like crates.io's curve (top ~10^9, median ~10^3.5). */
function downloadsExponent(rank: number): number {
  const points: [number, number][] = [[0, 9.05], [1, 8.75], [2, 8.25], [3, 7.35], [4, 5.8], [4.7, 4.5], [5.1, 3.6], [5.4, 2.4], [6, 1.5]];
  const x = Math.log10(rank);
  for (let k = 1; k < points.length; k++) {
    const [x1, y1] = points[k]!;
    if (x <= x1) {
      const [x0, y0] = points[k - 1]!;
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1]![1];
}

// ---------------------------------------------------------------------------
// Generation

/** Per-crate facts decided before any row is written (later crates need them), in typed arrays. */
interface RegistryPlan {
  seed: number;
  scale: number;
  crates: number;
  kind: Uint8Array;
  created: Float64Array;
  topic: Uint8Array;
  /** Index of the crate whose family (`foo` for `foo-derive`) this crate belongs to; itself for roots. */
  familyRoot: Int32Array;
  names: string[];
  /** Inclusive prefix sums of the weights dependencies are drawn with. */
  depWeightPrefix: Float64Array;
  depSlots: Uint16Array;
  downloads: Float64Array;
  /** 1 = most popular, 0 = least (normal crates by rank; others 0). */
  popularity: Float64Array;
  versionCount: Int32Array;
  /** versionStart[i] .. versionStart[i + 1] are crate i's positions in versionId. */
  versionStart: Int32Array;
  versionId: Int32Array;
}

function activity(plan: RegistryPlan, i: number): number {
  return 0.3 + 0.55 * plan.popularity[i]! ** 2;
}

function planRegistry(seed: number, scale: number): RegistryPlan {
  const N = Math.max(1, Math.round(FULL_SCALE_CRATES * scale));
  const kind = new Uint8Array(N);
  const created = new Float64Array(N);
  const weight = new Float64Array(N);
  const depSlots = new Uint16Array(N);
  const topic = new Uint8Array(N);
  const familyRoot = new Int32Array(N);
  const names: string[] = new Array<string>(N);
  const taken = takenNames();
  // Crate ids follow creation time; crates.io's yearly count of new crates has grown roughly 30% a year.
  const growth = 0.32;
  const growthSpan = Math.exp((growth * (DUMP_TIME - 30 * DAY - CRATES_IO_LAUNCH)) / YEAR) - 1;
  let previousCreated = 0;
  for (let i = 0; i < N; i++) {
    const rng = new Rng(seed, Stream.Plan, i);
    const r = rng.next();
    kind[i] = i < 20 ? CrateKind.Normal : r < 0.04 ? CrateKind.Placeholder : r < 0.05 ? CrateKind.AllYanked : CrateKind.Normal;
    const t = CRATES_IO_LAUNCH + (Math.log(1 + ((i + rng.next()) / N) * growthSpan) / growth) * YEAR;
    created[i] = Math.max(Math.floor(t), previousCreated + 1000 + rng.int(0, 999));
    previousCreated = created[i]!;
    topic[i] = rng.int(0, TOPICS.length - 1);
    familyRoot[i] = i;
    if (i >= 20 && kind[i] === CrateKind.Normal && rng.chance(0.12)) {
      const root = familyRoot[rng.int(0, i - 1)]!;
      if (kind[root] === CrateKind.Normal && names[root]!.length <= 40) {
        familyRoot[i] = root;
        topic[i] = topic[root]!;
      }
    }
    // Popularity as a dependency: Pareto(1.15), older crates favoured; many crates are
    // applications or experiments nobody depends on; placeholders and withdrawn crates attract nobody.
    const pareto = Math.min(1e5, (1 - rng.next()) ** (-1 / 1.15));
    const leaf = rng.chance(0.45) ? 0.02 : 1;
    weight[i] = kind[i] === CrateKind.Normal ? leaf * pareto * (0.4 + 2 * (1 - i / N) ** 3) : 0;
    depSlots[i] = kind[i] !== CrateKind.Normal || rng.chance(0.1)
      ? 0
      : Math.min(MAX_DEPENDENCIES_PER_CRATE, Math.max(1, Math.round(Math.exp(2.36 + 0.9 * rng.normal()))));

    const nameRng = new Rng(seed, Stream.Name, i);
    const base = familyRoot[i] === i ? null : names[familyRoot[i]!]!;
    let name = "";
    for (let attempt = 0; ; attempt++) {
      name = candidateName(nameRng, i, TOPICS[topic[i]!]!, base, attempt);
      if (attempt >= 40) name = `${name}-${attempt.toString(36)}`;
      if (name.length <= 64 && isValidCrateName(name) && !taken.has(nameKey(name))) break;
    }
    taken.add(nameKey(name));
    names[i] = name;
  }

  const depWeightPrefix = new Float64Array(N);
  for (let i = 0, acc = 0; i < N; i++) depWeightPrefix[i] = acc += weight[i]!;
  const { downloads, popularity } = planDownloads(seed, scale, kind, weight, depSlots, depWeightPrefix);

  // Versions per crate: log-normal (median 3, ~68% have at most 5), more for popular crates.
  const versionCount = new Int32Array(N);
  const versionStart = new Int32Array(N + 1);
  for (let i = 0; i < N; i++) {
    const rng = new Rng(seed, Stream.VersionCount, i);
    let n = 1;
    if (kind[i] === CrateKind.AllYanked) n = rng.int(1, 4);
    else if (kind[i] === CrateKind.Normal) {
      const boost = 1 + 6 * popularity[i]! ** 30;
      n = Math.min(MAX_VERSIONS_PER_CRATE, Math.max(1, Math.round(Math.exp(1.05 + 1.3 * rng.normal()) * boost)));
    }
    versionCount[i] = n;
    versionStart[i + 1] = versionStart[i]! + n;
  }
  const plan: RegistryPlan = {
    seed, scale, crates: N, kind, created, topic, familyRoot, names, depWeightPrefix, depSlots, downloads, popularity,
    versionCount, versionStart, versionId: new Int32Array(versionStart[N]!),
  };
  planVersionIds(plan);
  return plan;
}

/**
 * All-time downloads from the expected number of dependents, mapped onto a
 * crates.io-like rank curve. Each synthetic crate stands for 1/scale real
 * ones, so the top is ~10^9 and the shape holds at every scale.
 */
function planDownloads(seed: number, scale: number, kind: Uint8Array, weight: Float64Array, depSlots: Uint16Array, prefix: Float64Array) {
  const N = kind.length;
  // Crate j draws depSlots[j] targets among 0..j-1 in proportion to weight.
  const score = new Float64Array(N);
  for (let j = N - 1, draws = 0; j >= 0; j--) {
    score[j] = weight[j]! * draws;
    if (j > 0 && prefix[j - 1]! > 0) draws += depSlots[j]! / prefix[j - 1]!;
  }
  const ranked: number[] = [];
  for (let i = 0; i < N; i++) {
    if (kind[i] !== CrateKind.Normal) continue;
    score[i] = (score[i]! + 1e-12 * weight[i]!) * Math.exp(0.5 * new Rng(seed, Stream.Popularity, i).normal());
    ranked.push(i);
  }
  ranked.sort((a, b) => score[b]! - score[a]! || a - b);
  const downloads = new Float64Array(N);
  const popularity = new Float64Array(N);
  ranked.forEach((i, r) => {
    const rng = new Rng(seed, Stream.Downloads, i);
    const exponent = downloadsExponent(1 + r / scale) + (r === 0 ? 0 : rng.between(-0.12, 0.12));
    downloads[i] = Math.max(5, Math.round(10 ** exponent));
    popularity[i] = 1 - r / ranked.length;
  });
  for (let i = 0; i < N; i++) {
    if (kind[i] === CrateKind.Placeholder) downloads[i] = Math.round(10 ** new Rng(seed, Stream.Downloads, i).between(1.2, 2.8));
    else if (kind[i] === CrateKind.AllYanked) downloads[i] = Math.round(10 ** new Rng(seed, Stream.Downloads, i).between(1.5, 3.5));
  }
  return { downloads, popularity };
}

/** Version ids in publish order across the registry, like crates.io's serial ids. */
function planVersionIds(plan: RegistryPlan): void {
  const total = plan.versionId.length;
  if (total >= VERSION_SEQ_BITS) throw new Error(`too many versions (${total}) for the id scheme`);
  const keys = new Float64Array(total);
  for (let i = 0; i < plan.crates; i++) {
    const times = versionTimes(plan.seed, i, plan.versionCount[i]!, plan.created[i]!, activity(plan, i));
    for (let k = 0; k < times.length; k++) {
      const seq = plan.versionStart[i]! + k;
      keys[seq] = Math.floor((times[k]! - CRATES_IO_LAUNCH) / 1000) * VERSION_SEQ_BITS + seq;
    }
  }
  keys.sort();
  for (let r = 0; r < total; r++) plan.versionId[keys[r]! % VERSION_SEQ_BITS] = r + 1;
}

interface DepSlot {
  intro: number;
  removed: number;
  /** Versions before this index use the older requirement (variant 0). */
  switchAt: number;
  /** dependencies.csv from crate_id on, per variant (older, current requirement). */
  csv: [Buffer, Buffer];
  /** The index `deps` entry, per variant. */
  json: [Buffer, Buffer];
  optionalLocal: string | null;
}

/** What one crate looks like beyond its versions. */
interface CrateFacts {
  description: string;
  license: string | null;
  repository: string | null;
  homepage: string | null;
  documentation: string | null;
  readme: string | null;
  categories: string[];
  keywords: string[];
  links: string | null;
  declaresMsrv: boolean;
  isCli: boolean;
  features: Record<string, string[]>;
  crateSize: number;
}

/**
 * Writes the registry crate by crate, in id order: dump rows go to the table
 * files, each crate's index file is written whole. Dump and index lines come
 * from the same values, so they agree.
 */
class RegistryWriter {
  readonly tables: Record<DumpTable, TableFile>;
  dependencies = 0;
  indexLines = 0;
  indexBytes = 0;
  private totalDownloads = 0;
  private users = 0;
  private teams = 0;
  private readonly plan: RegistryPlan;
  private readonly seed: number;
  private readonly defaultMajor: Int32Array;
  private readonly defaultMinor: Int32Array;
  private readonly defaultPatch: Int32Array;
  private readonly ownerA: Int32Array;
  private readonly ownerB: Int32Array;
  private readonly teamOf: Int32Array;
  private readonly vocabulary = keywordVocabulary();
  private readonly keywordIndex: Map<string, number>;
  private readonly keywordCrates: Int32Array;
  private readonly keywordCreated: Float64Array;
  private readonly categoryIndex = new Map(CATEGORIES.map(([slug], k) => [slug, k]));
  private readonly categoryCrates = new Int32Array(CATEGORIES.length);
  private readonly days = Array.from({ length: DOWNLOAD_DAYS }, (_, k) => LAST_DOWNLOAD_DAY - (DOWNLOAD_DAYS - 1 - k) * DAY);
  private readonly dayBytes = this.days.map((d) => Buffer.from(new Date(d).toISOString().slice(0, 10)));
  private readonly dayFactor = this.days.map((d) => ([0, 6].includes(new Date(d).getUTCDay()) ? 0.55 : 1.12));
  private readonly madeDirs = new Set<string>();
  private readonly indexText = new ByteSink(1 << 20);

  constructor(plan: RegistryPlan, private readonly indexDir: string, workDir: string) {
    this.plan = plan;
    this.seed = plan.seed;
    const N = plan.crates;
    this.tables = Object.fromEntries(DUMP_TABLES.map((t) => [t, new TableFile(path.join(workDir, `${t}.csv`), COLUMNS[t])])) as Record<DumpTable, TableFile>;
    this.defaultMajor = new Int32Array(N);
    this.defaultMinor = new Int32Array(N);
    this.defaultPatch = new Int32Array(N);
    this.ownerA = new Int32Array(N);
    this.ownerB = new Int32Array(N);
    this.teamOf = new Int32Array(N);
    this.keywordIndex = new Map(this.vocabulary.map((w, k) => [w, k]));
    this.keywordCrates = new Int32Array(this.vocabulary.length);
    this.keywordCreated = new Float64Array(this.vocabulary.length).fill(Infinity);
  }

  writeCrate(i: number): void {
    const { plan, seed, tables } = this;
    const id = i + 1;
    const kind = plan.kind[i]! as CrateKind;
    const n = plan.versionCount[i]!;
    const times = versionTimes(seed, i, n, plan.created[i]!, activity(plan, i));
    const nums = versionNums(seed, i, n, kind);
    const ids = Array.from({ length: n }, (_, k) => plan.versionId[plan.versionStart[i]! + k]!);

    // Yanks: ~3% of versions, every version of withdrawn crates; other crates keep one live version.
    const yankRng = new Rng(seed, Stream.Yank, i);
    const yanked = Array.from({ length: n }, () => kind === CrateKind.AllYanked || yankRng.chance(0.025));
    if (kind !== CrateKind.AllYanked && yanked.every(Boolean)) yanked[n - 1] = false;
    // crates.io's default: highest stable non-yanked, else highest non-yanked, else highest
    // (numbers increase in publish order, so highest = latest).
    let defaultIndex = -1;
    for (let k = n - 1; k >= 0 && defaultIndex === -1; k--) if (!yanked[k] && !nums.prerelease[k]) defaultIndex = k;
    for (let k = n - 1; k >= 0 && defaultIndex === -1; k--) if (!yanked[k]) defaultIndex = k;
    if (defaultIndex === -1) defaultIndex = n - 1;
    this.defaultMajor[i] = nums.major[defaultIndex]!;
    this.defaultMinor[i] = nums.minor[defaultIndex]!;
    this.defaultPatch[i] = nums.patch[defaultIndex]!;

    const facts = this.crateFacts(i, nums.nums[defaultIndex]!);
    const slots = this.dependencySlots(i, n, facts.features);
    const downloads = plan.downloads[i]!;
    this.totalDownloads += downloads;
    // The crate total split over its versions; later and live versions get more.
    const dl = new Rng(seed, Stream.Downloads, i);
    const perVersion = allocate(downloads, Array.from({ length: n }, (_, k) => dl.between(0.3, 1.3) * (1 + (3 * k) / n) * (yanked[k] ? 0.1 : 1)));

    const owners = this.writeOwners(i, times[0]!);
    this.writeVersions(i, { times, nums, ids, yanked, perVersion }, facts, slots, owners);
    this.writeRecentDownloads(i, { times, ids, yanked, perVersion });

    const createdAt = times[0]!;
    tables.crates.add(
      `${id},${csvField(plan.names[i]!)},${pgTimestamp(times[n - 1]!)},${pgTimestamp(createdAt)},${csvField(facts.description)},` +
        `${csvField(facts.homepage)},${csvField(facts.documentation)},${csvField(facts.repository)},${csvField(facts.readme)},,`,
    );
    tables.crate_downloads.add(`${id},${downloads}`);
    tables.default_versions.add(`${id},${ids[defaultIndex]},${n}`);
    for (const k of facts.categories.map((slug) => this.categoryIndex.get(slug)!).sort((a, b) => a - b)) {
      this.categoryCrates[k]!++;
      tables.crates_categories.add(`${id},${k + 1}`);
    }
    for (const k of facts.keywords.map((w) => this.keywordIndex.get(w)!).sort((a, b) => a - b)) {
      this.keywordCrates[k]!++;
      this.keywordCreated[k] = Math.min(this.keywordCreated[k]!, createdAt);
      tables.crates_keywords.add(`${id},${k + 1}`);
    }
  }

  private crateFacts(i: number, defaultNum: string): CrateFacts {
    const { plan } = this;
    const name = plan.names[i]!;
    const lower = name.toLowerCase();
    const topic = TOPICS[plan.topic[i]!]!;
    const placeholder = plan.kind[i] === CrateKind.Placeholder;
    const normal = plan.kind[i] === CrateKind.Normal;
    const meta = new Rng(this.seed, Stream.Meta, i);
    const description = placeholder ? "" : descriptionFor(meta, topic);
    const license = placeholder ? null : weightedPick(meta, LICENSES);
    const root = plan.familyRoot[i]!;
    const repository = !placeholder && meta.chance(0.85) ? `https://git.example.org/synth-${root + 1}/${plan.names[root]!.toLowerCase()}` : null;
    const homepage = !placeholder && meta.chance(0.3) ? `https://example.com/synthetic/${lower}` : null;
    const documentation = !placeholder && meta.chance(0.4) ? `https://docs.example.org/${lower}` : null;
    const readmeText = normal && meta.chance(0.85) ? readme(meta, name, description, defaultNum, topic, license) : null;
    const categories: string[] = [];
    const keywords: string[] = [];
    if (!placeholder) {
      const categoryCount = weightedPick(meta, [[0, 35], [1, 35], [2, 20], [3, 10]] as const);
      for (let k = 0; k < categoryCount * 2 && categories.length < categoryCount; k++) {
        const slug = meta.chance(0.85) ? meta.pick(topic.categories) : meta.pick(CATEGORIES)[0];
        if (!categories.includes(slug)) categories.push(slug);
      }
      const keywordCount = weightedPick(meta, [[0, 20], [1, 10], [2, 15], [3, 20], [4, 15], [5, 20]] as const);
      for (let k = 0; k < keywordCount * 2 && keywords.length < keywordCount; k++) {
        // The topic's keywords, else the vocabulary with common words far more often (Zipf-like).
        const keyword = meta.chance(0.6) ? meta.pick(topic.keywords) : this.vocabulary[Math.floor(this.vocabulary.length * meta.next() ** 2.5)]!;
        if (!keywords.includes(keyword)) keywords.push(keyword);
      }
    }
    // Optional dependencies add their own features per version.
    const features: Record<string, string[]> = {};
    if (!placeholder && meta.chance(0.55)) {
      const featureNames = FEATURE_NAMES.filter(() => meta.chance(0.25));
      if (featureNames.length === 0) featureNames.push("std");
      for (const f of featureNames) features[f] = f === "full" ? featureNames.filter((g) => g !== "full") : [];
      features.default = featureNames.filter((f) => f === "std" || meta.chance(0.3));
    }
    return {
      description,
      license,
      repository,
      homepage,
      documentation,
      readme: readmeText,
      categories,
      keywords,
      links: /[-_]sys$/.test(lower) ? lower.replace(/[-_]sys$/, "") : null,
      declaresMsrv: normal && meta.chance(0.35),
      isCli: topic.keywords.includes("cli") || /[-_]cli$/.test(lower),
      features,
      crateSize: Math.round(10 ** meta.between(3.2, 5.6)),
    };
  }

  /** Distinct earlier crates, popular ones far more often; family members depend on their root. */
  private dependencySlots(i: number, n: number, crateFeatures: Record<string, string[]>): DepSlot[] {
    const { plan } = this;
    const rng = new Rng(this.seed, Stream.Deps, i);
    const slots: DepSlot[] = [];
    const wanted = plan.depSlots[i]!;
    const prefix = plan.depWeightPrefix;
    const total = i > 0 ? prefix[i - 1]! : 0;
    if (wanted === 0 || total === 0) return slots;
    const root = plan.familyRoot[i]!;
    const chosen = new Set<number>();
    if (root !== i) chosen.add(root);
    for (let attempt = 0; chosen.size < wanted && attempt < wanted * 3 + 10; attempt++) {
      const x = rng.next() * total;
      let lo = 0;
      let hi = i - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (prefix[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      chosen.add(lo);
    }
    const localNames = new Set<string>();
    for (const target of chosen) {
      const isRoot = target === root && root !== i;
      const r = rng.next();
      const kind = isRoot ? "normal" : r < 0.75 ? "normal" : r < 0.95 ? "dev" : "build";
      const optional = kind !== "dev" && !isRoot && rng.chance(kind === "normal" ? 0.15 : 0.03);
      const defaultFeatures = rng.chance(0.88);
      const features = rng.chance(0.18) ? rng.pick(DEP_FEATURES) : [];
      const cfg = rng.chance(0.06) ? rng.pick(CFG_TARGETS) : null;
      const targetName = plan.names[target]!;
      // ~1% renamed (`package = ...` in the manifest): the index has the local name and `package`.
      const local = rng.chance(0.01) ? `${targetName.toLowerCase().replace(/-/g, "_")}_${rng.pick(["compat", "01", "legacy", "next", "v2", "crate"])}` : null;
      const localName = local ?? targetName;
      // Optional dependencies become features; skip the rare clash with a feature or another dependency.
      if (optional && (Object.hasOwn(crateFeatures, localName) || localName === "default" || localNames.has(localName))) continue;
      localNames.add(localName);
      const intro = rng.chance(0.7) || n === 1 ? 0 : rng.int(0, n - 1);
      const removed = intro < n - 1 && rng.chance(0.12) ? rng.int(intro + 1, n - 1) : n;
      const switchAt = rng.int(0, n - 1);
      const kindCode = kind === "normal" ? 0 : kind === "build" ? 1 : 2;
      const csvTail = `,${optional ? "t" : "f"},${defaultFeatures ? "t" : "f"},${csvField(features)},${csvField(cfg ?? "")},${kindCode},${local === null ? "" : csvField(local)}`;
      const jsonTail =
        `,"features":${JSON.stringify(features)},"optional":${optional},"default_features":${defaultFeatures},` +
        `"target":${cfg === null ? "null" : JSON.stringify(cfg)},"kind":"${kind}"${local === null ? "" : `,"package":${JSON.stringify(targetName)}`}}`;
      const variant = (req: string): [Buffer, Buffer] => [
        Buffer.from(`${target + 1},${csvField(req)}${csvTail}`),
        Buffer.from(`{"name":${JSON.stringify(localName)},"req":${JSON.stringify(req)}${jsonTail}`),
      ];
      const [major, minor, patch] = [this.defaultMajor[target]!, this.defaultMinor[target]!, this.defaultPatch[target]!];
      const current = variant(reqFor(rng, major, minor, patch, false));
      // Only versions before switchAt use the older requirement; skip building it when none do.
      const older = switchAt > intro ? variant(reqFor(rng, major, minor, patch, true)) : current;
      slots.push({ intro, removed, switchAt, csv: [older[0], current[0]], json: [older[1], current[1]], optionalLocal: optional ? localName : null });
    }
    return slots;
  }

  /** Owners are shared within a family; otherwise often a prolific existing user. Returns a PRNG for publishers. */
  private writeOwners(i: number, createdAt: number): Rng {
    const { plan, tables, ownerA, ownerB, teamOf } = this;
    const rng = new Rng(this.seed, Stream.Owners, i);
    const root = plan.familyRoot[i]!;
    if (root !== i) {
      ownerA[i] = ownerA[root]!;
      ownerB[i] = ownerB[root]!;
      teamOf[i] = teamOf[root]!;
    } else {
      ownerA[i] = i > 0 && rng.chance(0.45) ? ownerA[rng.int(0, i - 1)]! : this.newUser();
      ownerB[i] = rng.chance(0.15) ? (i > 0 && rng.chance(0.5) ? ownerA[rng.int(0, i - 1)]! : this.newUser()) : 0;
      if (ownerB[i] === ownerA[i]) ownerB[i] = 0;
      const wantsTeam = plan.kind[i] === CrateKind.Normal && rng.chance(0.02 + 0.15 * plan.popularity[i]! ** 8);
      teamOf[i] = wantsTeam ? (this.teams > 0 && rng.chance(0.4) ? rng.int(1, this.teams) : this.newTeam()) : 0;
    }
    const id = i + 1;
    const later = (days: number) => pgTimestamp(Math.min(DUMP_TIME - DAY, createdAt + days * DAY));
    tables.crate_owners.add(`${id},${ownerA[i]},0,${pgTimestamp(createdAt)},`);
    if (ownerB[i]) tables.crate_owners.add(`${id},${ownerB[i]},0,${later(rng.int(1, 700))},${ownerA[i]}`);
    if (teamOf[i]) tables.crate_owners.add(`${id},${teamOf[i]},1,${later(rng.int(1, 900))},${ownerA[i]}`);
    return rng;
  }

  private newUser(): number {
    const id = ++this.users;
    const rng = new Rng(this.seed, Stream.User, id);
    const name = rng.chance(0.75) ? `${capitalize(syllableWord(rng, 1, 2))} ${capitalize(syllableWord(rng, 2, 3))}` : null;
    this.tables.users.addCells([id, `synth-${syllableWord(rng, 2, 3)}-${id}`, name, null, 500_000_000 + id]);
    return id;
  }

  private newTeam(): number {
    const id = ++this.teams;
    const rng = new Rng(this.seed, Stream.Team, id);
    const team = rng.pick(["maintainers", "core", "publishers", "admins", "release"]);
    this.tables.teams.addCells([id, `github:synth-${syllableWord(rng, 2, 3)}${id}:${team}`, 400_000_000 + id, capitalize(team), null, 300_000_000 + id]);
    return id;
  }

  /** versions.csv, dependencies.csv and the crate's index file, from the same values. */
  private writeVersions(
    i: number,
    v: { times: number[]; nums: VersionNums; ids: number[]; yanked: boolean[]; perVersion: number[] },
    facts: CrateFacts,
    slots: DepSlot[],
    publishers: Rng,
  ): void {
    const { plan, tables, indexText } = this;
    const deps = tables.dependencies;
    const id = i + 1;
    const name = plan.names[i]!;
    const lower = name.toLowerCase();
    const n = v.nums.nums.length;
    const rng = new Rng(this.seed, Stream.Checksum, i);
    const copiesCsv = [facts.description, facts.homepage, facts.documentation, facts.repository, facts.categories, facts.keywords].map(csvField).join(",");
    const binNames = csvField(facts.isCli ? [lower] : []);
    const licenseCsv = csvField(facts.license);
    const linksCsv = csvField(facts.links);
    const featuresJson = JSON.stringify(facts.features);
    const nameJson = JSON.stringify(name);
    let size = facts.crateSize;
    indexText.pos = 0;
    for (let k = 0; k < n; k++) {
      const vid = v.ids[k]!;
      const t = v.times[k]!;
      const num = v.nums.nums[k]!;
      const checksum = rng.hex64();
      // A random walk that drifts up slowly, within crates.io's 10 MiB upload limit.
      size = Math.min(MAX_CRATE_SIZE, Math.max(400, Math.round(size * rng.between(0.96, 1.06))));
      const rustVersion = facts.declaresMsrv && t >= RUST_1_56 ? `1.${Math.max(56, 56 + Math.floor((t - RUST_1_56) / (42 * DAY)) - rng.int(0, 12))}` : null;
      const features2: Record<string, string[]> = {};
      let hasFeatures2 = false;
      indexText.text(`{"name":${nameJson},"vers":${JSON.stringify(num)},"deps":[`);
      let first = true;
      for (const slot of slots) {
        if (k < slot.intro || k >= slot.removed) continue;
        const variant = k < slot.switchAt ? 0 : 1;
        deps.int(++this.dependencies);
        deps.char(COMMA);
        deps.int(vid);
        deps.char(COMMA);
        deps.bytes(slot.csv[variant]);
        deps.endRow();
        if (!first) indexText.char(COMMA);
        indexText.bytes(slot.json[variant]);
        first = false;
        // Since Cargo 1.60 an optional dependency can be a `dep:` feature, which crates.io keeps in features2.
        if (slot.optionalLocal !== null && t >= DEP_FEATURE_SYNTAX_SINCE) {
          features2[slot.optionalLocal] = [`dep:${slot.optionalLocal}`];
          hasFeatures2 = true;
        }
      }
      const f2 = hasFeatures2 ? JSON.stringify(features2) : "";
      const mergedJson = hasFeatures2 ? JSON.stringify({ ...facts.features, ...features2 }) : featuresJson;
      const ownerB = this.ownerB[i]!;
      const publisher = t < PUBLISHED_BY_SINCE ? "" : String(ownerB && publishers.chance(0.3) ? ownerB : this.ownerA[i]);
      const stamp = pgTimestamp(t);
      const edition = t >= Date.UTC(2025, 1, 20) ? "2024" : t >= RUST_1_56 ? "2021" : "2018";
      tables.versions.add(
        `${vid},${id},${csvField(num)},${csvField(num.replace(/\+.*$/s, ""))},${stamp},${stamp},${v.perVersion[k]},${csvField(mergedJson)},` +
          `${v.yanked[k] ? "t" : "f"},${licenseCsv},${size},${publisher},${checksum},${linksCsv},${csvField(rustVersion)},` +
          // Per-version manifest copies exist for recent versions only, as in the real dump.
          (t >= MANIFEST_COPIES_SINCE ? `t,${binNames},${edition},${copiesCsv}` : ",,,,,,,{},{}"),
      );
      indexText.text(
        `],"cksum":"${checksum}","features":${featuresJson}${hasFeatures2 ? `,"features2":${f2}` : ""},"yanked":${v.yanked[k]}` +
          `${facts.links === null ? "" : `,"links":${JSON.stringify(facts.links)}`}${rustVersion === null ? "" : `,"rust_version":"${rustVersion}"`}` +
          `${t >= PUBTIME_SINCE ? `,"pubtime":"${new Date(t).toISOString().slice(0, 19)}Z"` : ""}${hasFeatures2 ? `,"v":2` : ""}}\n`,
      );
    }
    this.indexLines += n;
    // Synchronous writes: on this kind of disk they cost less CPU per small file than fs/promises.
    const file = path.join(this.indexDir, indexPath(name));
    const dir = path.dirname(file);
    if (!this.madeDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    writeFileSync(file, indexText.contents());
    this.indexBytes += indexText.pos;
  }

  /** 90 days of daily downloads for the newest live versions (more of them for popular crates); zero days are left out. */
  private writeRecentDownloads(i: number, v: { times: number[]; ids: number[]; yanked: boolean[]; perVersion: number[] }): void {
    const { plan, days, dayFactor, dayBytes } = this;
    const daily = this.tables.version_downloads;
    const rng = new Rng(this.seed, Stream.Recent, i);
    const n = v.times.length;
    const downloads = plan.downloads[i]!;
    const live: number[] = [];
    for (let k = n - 1; k >= 0; k--) if (!v.yanked[k]) live.push(k);
    const picks = live.slice(0, Math.max(1, Math.min(8, Math.floor(Math.log10(Math.max(1, downloads)) - 3))));
    const stale = v.times[n - 1]! < DUMP_TIME - 3 * YEAR;
    const share = plan.kind[i] === CrateKind.Placeholder ? rng.between(0, 0.02) : stale ? rng.between(0.005, 0.03) : rng.between(0.06, 0.2);
    const recentTotal = downloads * share;
    let shareLeft = 1;
    for (let rank = 0; rank < picks.length; rank++) {
      const k = picks[rank]!;
      const part = rank === picks.length - 1 ? shareLeft : shareLeft * rng.between(0.45, 0.7);
      shareLeft -= part;
      const firstDay = Math.max(days[0]!, Math.ceil(v.times[k]! / DAY) * DAY);
      const first = Math.round((firstDay - days[0]!) / DAY);
      if (first >= DOWNLOAD_DAYS) continue;
      // Never more recent downloads than the version has in all.
      let budget = Math.floor(v.perVersion[k]! * 0.6);
      const mean = Math.min(recentTotal * part, budget) / (DOWNLOAD_DAYS - first);
      for (let d = first; d < DOWNLOAD_DAYS && budget > 0; d++) {
        const x = mean * dayFactor[d]! * rng.between(0.75, 1.25);
        const count = Math.min(budget, Math.floor(x) + (rng.next() < x - Math.floor(x) ? 1 : 0));
        if (count <= 0) continue;
        budget -= count;
        daily.int(v.ids[k]!);
        daily.char(COMMA);
        daily.int(count);
        daily.char(COMMA);
        daily.bytes(dayBytes[d]!);
        daily.endRow();
      }
    }
  }

  /** The small tables known only at the end; closes every file. Returns rows per table. */
  finish(): Record<DumpTable, number> {
    const { tables } = this;
    CATEGORIES.forEach(([slug, category], k) => {
      tables.categories.addCells([
        k + 1,
        category,
        slug,
        `Crates about ${category.split("::").at(-1)!.toLowerCase()} (synthetic description).`,
        this.categoryCrates[k]!,
        pgTimestamp(CATEGORIES_CREATED),
        `root.${slug.split("::").map((p) => p.replace(/-/g, "_")).join(".")}`,
      ]);
    });
    this.vocabulary.forEach((keyword, k) => {
      if (this.keywordCrates[k]! > 0) tables.keywords.addCells([k + 1, keyword, this.keywordCrates[k]!, pgTimestamp(this.keywordCreated[k]!)]);
    });
    tables.metadata.add(String(this.totalDownloads));
    for (const reserved of RESERVED_NAMES) tables.reserved_crate_names.addCells([reserved]);
    for (const table of Object.values(tables)) table.close();
    return Object.fromEntries(DUMP_TABLES.map((t) => [t, tables[t].rows])) as Record<DumpTable, number>;
  }
}

const LEFTOVER = /^\.synthetic-(?:old-index|work)-\d+$/;

/**
 * Moves a previous `index/` out of the way, but only if it looks like ours
 * (or is empty): `--out` pointing at the wrong folder must not wipe it. The
 * old tree (and leftovers of interrupted runs) is deleted by a worker thread
 * while the new one is generated: deleting 250,000 files takes minutes on
 * some disks. (fs/promises' recursive rm would do it too, but holds the whole
 * tree's promises at once: ~350 MB more peak memory at full scale.)
 */
function discardOldOutput(out: string, indexDir: string): Promise<unknown> {
  const leftovers = readdirSync(out).filter((name) => LEFTOVER.test(name));
  // A leftover with this process's id (a reused pid) would clash with this run's names.
  for (const name of leftovers.filter((n) => n.endsWith(`-${process.pid}`))) rmSync(path.join(out, name), { recursive: true, force: true });
  const doomed = leftovers.filter((n) => !n.endsWith(`-${process.pid}`));
  if (existsSync(indexDir)) {
    const config = path.join(indexDir, "config.json");
    const ours = existsSync(config) && /"synthetic":\s*true/.test(readFileSync(config, "utf8"));
    if (!ours && readdirSync(indexDir).length > 0) {
      throw new Error(`${indexDir} exists and is not a synthetic index (no config.json with "synthetic": true); refusing to replace it`);
    }
    const aside = `.synthetic-old-index-${process.pid}`;
    renameSync(indexDir, path.join(out, aside));
    doomed.push(aside);
  }
  if (doomed.length === 0) return Promise.resolve();
  const worker = new Worker(
    `const { rmSync } = require("node:fs");
     for (const dir of require("node:worker_threads").workerData) rmSync(dir, { recursive: true, force: true });`,
    { eval: true, workerData: doomed.map((name) => path.join(out, name)) },
  );
  return new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`removing old output failed (worker exit code ${code})`))));
  });
}

export async function generateSyntheticRegistry(options: SyntheticRegistryOptions): Promise<SyntheticRegistryResult> {
  const started = performance.now();
  const elapsed = () => ((performance.now() - started) / 1000).toFixed(1);
  const seed = options.seed ?? 1;
  const log = options.log ?? (() => {});
  if (!(options.scale > 0 && options.scale <= 4)) throw new Error(`scale must be in (0, 4], got ${options.scale}`);
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  const out = path.resolve(options.out);
  const indexDir = path.join(out, "index");
  const dumpPath = path.join(out, "db-dump.tar.gz");
  const work = path.join(out, `.synthetic-work-${process.pid}`);
  mkdirSync(out, { recursive: true });
  const discarding = discardOldOutput(out, indexDir);
  // Removal runs in the background; an error surfaces when it is awaited at the end.
  discarding.catch(() => {});
  mkdirSync(indexDir, { recursive: true });
  // Written first, so that even a half-written index is recognised (and replaced) by the next run.
  writeFileSync(
    path.join(indexDir, "config.json"),
    `${JSON.stringify({ dl: "https://crates.example.com/synthetic/crates", api: "https://crates.example.com/synthetic", synthetic: true }, null, 2)}\n`,
  );
  mkdirSync(work, { recursive: true });

  try {
    const plan = planRegistry(seed, options.scale);
    const N = plan.crates;
    log(`[synthetic] ${N} crates, ${plan.versionId.length} versions planned (scale ${options.scale}, seed ${seed}) into ${out} (${elapsed()} s)`);

    const writer = new RegistryWriter(plan, indexDir, work);
    let nextReport = 1;
    for (let i = 0; i < N; i++) {
      writer.writeCrate(i);
      if ((i + 1) * 10 >= nextReport * N) {
        log(
          `[synthetic] ${nextReport * 10}% crates ${i + 1}/${N}, versions ${plan.versionStart[i + 1]}, dependencies ${writer.dependencies}, ` +
            `version_downloads ${writer.tables.version_downloads.rows} (${elapsed()} s)`,
        );
        while ((i + 1) * 10 >= nextReport * N) nextReport++;
      }
    }
    const counts: Record<string, number> = { ...writer.finish(), index_files: N, index_lines: writer.indexLines };
    const csvBytes = DUMP_TABLES.reduce((sum, t) => sum + writer.tables[t].written, 0);
    const indexBytes = writer.indexBytes;
    log(`[synthetic] wrote ${(csvBytes / 1e6).toFixed(0)} MB of CSV and ${(indexBytes / 1e6).toFixed(0)} MB of index files; packing (${elapsed()} s)`);

    const entries = new Map<string, { path: string } | { text: string }>();
    const metadata = {
      timestamp: new Date(DUMP_TIME).toISOString().replace(".000Z", "Z"),
      crates_io_commit: createHash("sha1").update(`cratelist synthetic registry ${seed} ${options.scale}`).digest("hex"),
      synthetic: true,
      generator: "scripts/generate-synthetic-registry.ts",
      seed,
      scale: options.scale,
    };
    entries.set(`${DUMP_FOLDER}/metadata.json`, { text: `${JSON.stringify(metadata)}\n` });
    entries.set(`${DUMP_FOLDER}/README.txt`, {
      text:
        "SYNTHETIC DATA. This is not a crates.io database dump.\n\n" +
        `Generated by cratelist's scripts/generate-synthetic-registry.ts (seed ${seed}, scale ${options.scale}) for benchmarks.\n` +
        "It has the layout and CSV columns of the real dump, but every crate, version, owner, download count and text\n" +
        "in it is invented. Do not quote anything in it as a fact about crates.io or any crate.\n",
    });
    for (const table of DUMP_TABLES) entries.set(`${DUMP_FOLDER}/data/${table}.csv`, { path: writer.tables[table].file });
    const partial = `${dumpPath}.${process.pid}.partial`;
    await packTarball(partial, entries, [`${DUMP_FOLDER}/`, `${DUMP_FOLDER}/data/`]);
    renameSync(partial, dumpPath);
    await discarding;
    const dumpBytes = statSync(dumpPath).size;
    const seconds = Number(((performance.now() - started) / 1000).toFixed(1));
    log(`[synthetic] done: ${dumpPath} (${(dumpBytes / 1e6).toFixed(1)} MB), ${indexDir} (${seconds} s)`);
    return { counts, dumpPath, indexDir, sizes: { dumpBytes, csvBytes, indexBytes }, seconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Command line


async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { out: { type: "string" }, scale: { type: "string" }, full: { type: "boolean" }, seed: { type: "string" } },
  });
  const out = values.out;
  if (!out) throw new Error("usage: generate-synthetic-registry.ts --out <dir> [--scale 0.1 | --full] [--seed 1]");
  const scale = values.full ? 1 : Number(values.scale ?? "0.1");
  const seed = Number(values.seed ?? "1");
  const result = await generateSyntheticRegistry({ out, scale, seed, log: (m) => console.log(m) });
  console.log(JSON.stringify({ counts: result.counts, sizes: result.sizes, seconds: result.seconds, dumpPath: result.dumpPath, indexDir: result.indexDir }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
