/**
 * Builds fixtures/dump/db-dump.tar.gz: a small crates.io database dump in the
 * real tarball layout (docs/DB-DUMP-FORMAT.md), made from the fixture index
 * slice and fixtures/crate-metadata.json. Values the sources do not have
 * (downloads, owners, most dates) are synthetic; fixtures/dump/README.md lists
 * which are which.
 *
 * The output is byte-identical on every run: no clock, no Math.random (every
 * synthetic value comes from a PRNG seeded by the crate name and the purpose),
 * sorted tar entries with fixed headers, gzip header without a timestamp.
 *
 *   node --import tsx scripts/build-dump-fixture.ts [--out fixtures/dump/db-dump.tar.gz]
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import { z } from "zod";
import type { DumpTable } from "../lib/ingest/dump-rows";
import type { IndexVersion } from "../lib/ingest/parse-index-line";
import { readIndexDir, type IndexFile } from "../lib/ingest/read-index-dir";
import { semverSortKey } from "../lib/registry/semver-sort-key";
import { parseArgs } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");

export interface DumpFixtureSources {
  /** Index checkout to build from (default fixtures/crates-io-index). */
  indexDir?: string;
  /** Crate metadata JSON (default fixtures/crate-metadata.json). */
  metadataFile?: string;
}

// The dump "was taken" at this moment; every date in it is before. The
// synthetic registry generator shares these, so both can be loaded side by side.
export const DUMP_FOLDER = "2026-12-01-000000";
export const DUMP_TIME = Date.UTC(2026, 11, 1);
export const LAST_DOWNLOAD_DAY = Date.UTC(2026, 10, 30);
export const DOWNLOAD_DAYS = 90;
export const CRATES_IO_LAUNCH = Date.UTC(2014, 10, 11);
// crates.io started recording the publisher later than its launch.
export const PUBLISHED_BY_SINCE = Date.UTC(2016, 0, 1);
const CATEGORIES_CREATED = Date.UTC(2017, 0, 17, 18, 0, 0);
const DAY = 86_400_000;

// ---------------------------------------------------------------------------
// Deterministic randomness

/** sfc32 seeded from sha256(key): one independent stream per crate and purpose. */
function prng(key: string) {
  const seed = createHash("sha256").update(key).digest();
  let a = seed.readUInt32LE(0);
  let b = seed.readUInt32LE(4);
  let c = seed.readUInt32LE(8);
  let d = seed.readUInt32LE(12);
  const next = (): number => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    const t = (a + b + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    /** Integer in [lo, hi]. */
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
  };
}

function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 8);
}

// ---------------------------------------------------------------------------
// Postgres COPY ... CSV output

type Cell = string | number | boolean | Date | null | string[] | Record<string, unknown>;

/** Timestamp text as Postgres prints `timestamp` (trailing fraction zeros dropped). */
export function pgTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-30T12:34:56.789Z
  const fraction = iso.slice(20, 23).replace(/0+$/, "");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ""}`;
}

export function pgArray(items: readonly string[]): string {
  const quoted = items.map((item) =>
    item === "" || /^null$/i.test(item) || /[{}",\\\s]/.test(item)
      ? `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`
      : item,
  );
  return `{${quoted.join(",")}}`;
}

/**
 * COPY's CSV rules: NULL is an empty unquoted field, the empty string is
 * `""`; fields with a comma, quote, CR or LF (and the end marker `\.`) are
 * quoted with quotes doubled.
 */
export function csvField(value: Cell): string {
  if (value === null) return "";
  let text: string;
  if (typeof value === "string") text = value;
  else if (typeof value === "number") text = String(value);
  else if (typeof value === "boolean") text = value ? "t" : "f";
  else if (value instanceof Date) text = pgTimestamp(value.getTime());
  else if (Array.isArray(value)) text = pgArray(value);
  else text = JSON.stringify(value);
  return text === "" || text === "\\." || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

class CsvTable {
  private readonly lines: string[];
  rows = 0;
  constructor(readonly columns: readonly string[]) {
    this.lines = [columns.join(",")];
  }
  add(row: Record<string, Cell>): void {
    this.lines.push(this.columns.map((column) => csvField(row[column] ?? null)).join(","));
    this.rows++;
  }
  toString(): string {
    return `${this.lines.join("\n")}\n`;
  }
}

// ---------------------------------------------------------------------------
// Sources

const crateMetadataSchema = z.record(
  z.string(),
  z.object({
    description: z.string().nullable(),
    keywords: z.array(z.string()),
    categories: z.array(z.string()),
    license: z.string().nullable(),
    repository: z.string().nullable(),
    homepage: z.string().nullable(),
    documentation: z.string().nullable(),
    rust_version: z.string().nullable(),
    edition: z.string().nullable(),
    version: z.string().nullable(),
  }),
);
type CrateMetadata = z.infer<typeof crateMetadataSchema>[string];

// Display names of the crates.io categories the metadata uses (best effort
// from crates.io's category list); parents are included so the hierarchy is whole.
const CATEGORY_NAMES: Record<string, string> = {
  algorithms: "Algorithms",
  "api-bindings": "API bindings",
  asynchronous: "Asynchronous",
  "command-line-interface": "Command line interface",
  compression: "Compression",
  concurrency: "Concurrency",
  config: "Configuration",
  cryptography: "Cryptography",
  "data-structures": "Data structures",
  database: "Database interfaces",
  "date-and-time": "Date and time",
  "development-tools": "Development tools",
  "development-tools::build-utils": "Development tools::Build Utils",
  "development-tools::debugging": "Development tools::Debugging",
  "development-tools::procedural-macro-helpers": "Development tools::Procedural macro helpers",
  "development-tools::profiling": "Development tools::Profiling",
  "development-tools::testing": "Development tools::Testing",
  encoding: "Encoding",
  "external-ffi-bindings": "External FFI bindings",
  filesystem: "Filesystem",
  "hardware-support": "Hardware support",
  "memory-management": "Memory management",
  multimedia: "Multimedia",
  "multimedia::encoding": "Multimedia::Encoding",
  "multimedia::images": "Multimedia::Images",
  "network-programming": "Network programming",
  "no-std": "No standard library",
  "no-std::no-alloc": "No standard library::No dynamic allocation",
  os: "Operating systems",
  "os::windows-apis": "Operating systems::Windows APIs",
  "parser-implementations": "Parser implementations",
  parsing: "Parsing tools",
  "rust-patterns": "Rust patterns",
  science: "Science",
  "text-processing": "Text processing",
  "value-formatting": "Value formatting",
  wasm: "WebAssembly",
  "web-programming": "Web programming",
  "web-programming::http-client": "Web programming::HTTP client",
  "web-programming::http-server": "Web programming::HTTP server",
  "web-programming::websocket": "Web programming::WebSocket",
};

const CATEGORY_SLUG = /^[a-z0-9-]+(?:::[a-z0-9-]+)*$/;
const ACRONYMS = new Set(["api", "ffi", "http", "gui", "os", "sql", "wasm"]);

/**
 * Display name for a slug. Slugs crates.io does not know (like `no_std`,
 * which it drops at publish) give null: they stay in versions.categories as
 * the author wrote them but get no category row.
 */
function categoryName(slug: string): string | null {
  const known = CATEGORY_NAMES[slug];
  if (known) return known;
  if (!CATEGORY_SLUG.test(slug)) return null;
  return slug
    .split("::")
    .map((part) =>
      part
        .split("-")
        .map((word, i) => (ACRONYMS.has(word) ? word.toUpperCase() : i === 0 ? word[0]!.toUpperCase() + word.slice(1) : word))
        .join(" "),
    )
    .join("::");
}

// A few names crates.io refuses (sysroot crates, Windows device names); an
// illustrative subset, not the real table.
const RESERVED_NAMES = ["alloc", "aux", "com1", "con", "core", "lpt1", "nul", "prn", "proc_macro", "std", "test"];

// ---------------------------------------------------------------------------
// Model

interface CrateModel {
  file: IndexFile;
  name: string;
  lower: string;
  meta: CrateMetadata | null;
  id: number;
  /** created_at of each version, parallel to file.versions. */
  times: number[];
  versionIds: number[];
  downloads: number;
  versionDownloads: number[];
  userIds: number[];
  teamId: number | null;
}

/** `count` increasing times strictly between `lo` and `hi`, randomly spaced. */
function spread(lo: number, hi: number, count: number, random: ReturnType<typeof prng>): number[] {
  const weights = Array.from({ length: count + 1 }, () => random.between(0.2, 1.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  for (let k = 0; k < count; k++) {
    acc += weights[k]!;
    out.push(Math.round(lo + ((hi - lo) * acc) / total));
  }
  return out;
}

/**
 * Publish times: the index's `pubtime` where present (real), otherwise
 * synthetic times that keep the file's publish order and stay between the
 * crates.io launch and the dump.
 */
function publishTimes(name: string, versions: IndexVersion[], junk: boolean): number[] {
  const random = prng(`${name}:times`);
  const n = versions.length;
  const times: (number | null)[] = versions.map((v) => (v.pubtime ? v.pubtime.getTime() : null));
  let last = times.findLastIndex((t) => t !== null);
  if (last === -1) {
    // No pubtime at all: the newest version lands somewhere in the crate's plausible life.
    const from = junk ? Date.UTC(2016, 0, 1) : Date.UTC(2019, 0, 1);
    times[n - 1] = Math.round(random.between(from, DUMP_TIME - 10 * DAY));
    last = n - 1;
  }
  // After the last known time: a few weeks apart at most, never reaching the dump.
  if (last < n - 1) {
    const count = n - 1 - last;
    const anchor = times[last]!;
    const ceiling = Math.min(DUMP_TIME - DAY, anchor + (count + 1) * 20 * DAY * random.between(0.6, 1.4));
    spread(anchor, ceiling, count, random).forEach((t, k) => (times[last + 1 + k] = t));
  }
  // Before and between known times: fill each run of unknown times between
  // its neighbours (before the first one: about three weeks apart, not before
  // crates.io existed).
  for (let i = last - 1; i >= 0; i--) {
    if (times[i] !== null) continue;
    let start = i;
    while (start > 0 && times[start - 1] === null) start--;
    const count = i - start + 1;
    const next = times[i + 1]!;
    const floor = start > 0
      ? times[start - 1]!
      : Math.max(CRATES_IO_LAUNCH, next - (count + 1) * 20 * DAY * random.between(0.6, 1.4));
    spread(Math.min(floor, next), next, count, random).forEach((t, k) => (times[start + k] = t));
    i = start;
  }
  return times.map((t) => t!);
}

/** Splits `total` over `weights` in whole numbers that sum exactly to `total`. */
function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = out.length - 1; rest > 0; i = (i - 1 + out.length) % out.length) {
    out[i]!++;
    rest--;
  }
  return out;
}

function family(model: { lower: string; meta: CrateMetadata | null }): string {
  // Crates of one project usually share a prefix (serde_json, tokio-macros)
  // and owners; junk crates each stand alone.
  return model.meta ? model.lower.split(/[-_]/)[0]! : model.lower;
}

function readmeFor(name: string, meta: CrateMetadata, version: string | null): string {
  const lines = [`# ${name}`, ""];
  if (meta.description) lines.push(meta.description.trim(), "");
  lines.push("## Usage", "", "Add this to your `Cargo.toml`:", "", "```toml", "[dependencies]");
  lines.push(`${name} = "${version ?? "*"}"`, "```", "");
  if (meta.repository) lines.push(`Source: <${meta.repository}>`, "");
  lines.push("_(Synthetic README generated for the cratelist test fixture, not the crate's own.)_");
  return lines.join("\n");
}

// ---------------------------------------------------------------------------
// Build

export async function buildDumpTarball(sources: DumpFixtureSources = {}): Promise<Buffer> {
  const indexDir = sources.indexDir ?? path.join(ROOT, "fixtures/crates-io-index");
  const metadataFile = sources.metadataFile ?? path.join(ROOT, "fixtures/crate-metadata.json");

  const metadataByLower = new Map<string, CrateMetadata>();
  for (const [name, meta] of Object.entries(crateMetadataSchema.parse(JSON.parse(await readFile(metadataFile, "utf8"))))) {
    metadataByLower.set(name.toLowerCase(), meta);
  }

  const models: CrateModel[] = [];
  for await (const file of readIndexDir(indexDir)) {
    const lower = file.name.toLowerCase();
    // Metadata entries for crates outside the slice are simply never looked up.
    const meta = metadataByLower.get(lower) ?? null;
    models.push({
      file,
      name: file.name,
      lower,
      meta,
      id: 0,
      times: publishTimes(file.name, file.versions, meta === null),
      versionIds: [],
      downloads: 0,
      versionDownloads: [],
      userIds: [],
      teamId: null,
    });
  }
  const byLower = new Map(models.map((m) => [m.lower, m]));

  // Crate ids follow creation order, like crates.io's serial ids.
  models.sort((a, b) => a.times[0]! - b.times[0]! || (a.lower < b.lower ? -1 : 1));
  models.forEach((m, i) => (m.id = i + 1));

  // Version ids follow publish time across the whole registry.
  const allVersions = models.flatMap((m) => m.file.versions.map((_, i) => ({ m, i, t: m.times[i]! })));
  allVersions.sort((a, b) => a.t - b.t || a.m.id - b.m.id || a.i - b.i);
  for (const m of models) m.versionIds = new Array<number>(m.file.versions.length);
  allVersions.forEach((v, k) => (v.m.versionIds[v.i] = k + 1));

  // --- Downloads: popularity from how much of the slice depends on a crate.
  const dependents = new Map<string, Set<string>>();
  const devDependents = new Map<string, Set<string>>();
  for (const m of models) {
    // Junk and all-yanked crates do not make their dependencies popular.
    if (!m.meta) continue;
    for (const v of m.file.versions) {
      if (v.yanked) continue;
      for (const dep of v.deps) {
        const target = dep.name.toLowerCase();
        if (target === m.lower || !byLower.has(target)) continue;
        const map = dep.kind === "dev" ? devDependents : dependents;
        if (!map.has(target)) map.set(target, new Set());
        map.get(target)!.add(m.lower);
      }
    }
  }
  // The whole-history graph of the slice is one big cycle-rich cluster, so
  // transitive counts barely discriminate; direct dependents lead, with a
  // nudge for being reachable from many crates.
  const transitive = (lower: string): number => {
    const seen = new Set<string>();
    const stack = [lower];
    while (stack.length > 0) {
      for (const d of dependents.get(stack.pop()!) ?? []) {
        if (!seen.has(d) && d !== lower) {
          seen.add(d);
          stack.push(d);
        }
      }
    }
    return seen.size;
  };
  for (const m of models) {
    const random = prng(`${m.lower}:downloads`);
    if (m.meta) {
      const score = (dependents.get(m.lower)?.size ?? 0) + 0.5 * (devDependents.get(m.lower)?.size ?? 0) + 0.1 * transitive(m.lower);
      const exponent = 4.5 + 0.65 * Math.log2(1 + score) + 0.25 * Math.log10(m.file.versions.length) + random.between(-0.2, 0.2);
      m.downloads = Math.round(10 ** Math.min(exponent, 9.2));
    } else {
      m.downloads = Math.round(10 ** random.between(1.5, 3.3));
    }
    const n = m.file.versions.length;
    // Later and non-yanked versions collect more downloads.
    const weights = m.file.versions.map((v, i) => random.between(0.3, 1.3) * (1 + (3 * i) / n) * (v.yanked ? 0.1 : 1));
    m.versionDownloads = allocate(m.downloads, weights);
  }

  // --- Owners: synthetic users per family, a team for families of 3+ crates.
  const families = new Map<string, CrateModel[]>();
  for (const m of [...models].sort((a, b) => (a.lower < b.lower ? -1 : 1))) {
    const f = family(m);
    if (!families.has(f)) families.set(f, []);
    families.get(f)!.push(m);
  }
  const users = new CsvTable(["id", "gh_login", "name", "gh_avatar", "gh_id"]);
  const teams = new CsvTable(["id", "login", "github_id", "name", "avatar", "org_id"]);
  let userId = 0;
  let teamId = 0;
  for (const [f, members] of families) {
    const random = prng(`${f}:owners`);
    const count = 1 + (members.length >= 3 ? 1 : 0) + random.int(0, 1);
    const ids: number[] = [];
    for (let k = 0; k < count; k++) {
      const id = ++userId;
      const login = `synthetic-${shortHash(`${f}:${k}`)}`;
      users.add({ id, gh_login: login, name: random.next() < 0.7 ? `Synthetic Owner ${id}` : null, gh_avatar: null, gh_id: 900_000_000 + id });
      ids.push(id);
    }
    let team: number | null = null;
    if (members.length >= 3) {
      team = ++teamId;
      teams.add({ id: team, login: `github:synthetic-${f}:maintainers`, github_id: 800_000_000 + team, name: "Maintainers", avatar: null, org_id: 700_000_000 + team });
    }
    for (const m of members) {
      m.userIds = ids;
      m.teamId = team;
    }
  }

  // --- Tables
  const crates = new CsvTable(["id", "name", "updated_at", "created_at", "description", "homepage", "documentation", "repository", "readme", "max_upload_size", "max_features"]);
  const crateDownloads = new CsvTable(["crate_id", "downloads"]);
  const versions = new CsvTable([
    "id", "crate_id", "num", "num_no_build", "updated_at", "created_at", "downloads", "features", "yanked", "license", "crate_size",
    "published_by", "checksum", "links", "rust_version", "has_lib", "bin_names", "edition", "description", "homepage", "documentation",
    "repository", "categories", "keywords",
  ]);
  const defaultVersions = new CsvTable(["crate_id", "version_id", "num_versions"]);
  const dependencies = new CsvTable(["id", "version_id", "crate_id", "req", "optional", "default_features", "features", "target", "kind", "explicit_name"]);
  const versionDownloads = new CsvTable(["version_id", "downloads", "date"]);
  const crateOwners = new CsvTable(["crate_id", "owner_id", "owner_kind", "created_at", "created_by"]);

  const versionRows: { id: number; row: Record<string, Cell>; deps: IndexVersion["deps"] }[] = [];
  const downloadRows: { versionId: number; day: number; downloads: number }[] = [];
  const categoryCrates = new Map<string, number[]>();
  const keywordCrates = new Map<string, { crates: number[]; created: number }>();

  for (const m of [...models].sort((a, b) => a.id - b.id)) {
    const meta = m.meta;
    const created = Math.min(...m.times);
    const updated = Math.max(...m.times);
    const sortKeys = m.file.versions.map((v) => semverSortKey(v.vers));
    const byPrecedence = m.file.versions.map((_, i) => i).sort((a, b) => (sortKeys[a]!.key < sortKeys[b]!.key ? 1 : -1));
    // crates.io's default: highest stable non-yanked, else highest non-yanked, else highest.
    const live = byPrecedence.filter((i) => !m.file.versions[i]!.yanked);
    const defaultIndex = live.find((i) => !sortKeys[i]!.prerelease) ?? live[0] ?? byPrecedence[0]!;
    const defaultNum = m.file.versions[defaultIndex]!.vers;

    crates.add({
      id: m.id,
      name: m.name,
      updated_at: new Date(updated),
      created_at: new Date(created),
      description: meta?.description ?? "",
      homepage: meta?.homepage ?? null,
      documentation: meta?.documentation ?? null,
      repository: meta?.repository ?? null,
      readme: meta ? readmeFor(m.name, meta, defaultNum) : null,
      max_upload_size: null,
      max_features: null,
    });
    crateDownloads.add({ crate_id: m.id, downloads: m.downloads });
    defaultVersions.add({ crate_id: m.id, version_id: m.versionIds[defaultIndex]!, num_versions: m.file.versions.length });

    const sizes = prng(`${m.lower}:sizes`);
    const publishers = prng(`${m.lower}:publishers`);
    let size = Math.round(10 ** sizes.between(3.3, 5.2));
    m.file.versions.forEach((v, i) => {
      size = Math.max(400, Math.round(size * sizes.between(0.95, 1.12)));
      // Per-version manifest copies are only known for the version whose
      // Cargo.toml was read; the dump has them null for old versions anyway.
      const own = meta && meta.version === v.vers ? meta : null;
      const at = new Date(m.times[i]!);
      versionRows.push({
        id: m.versionIds[i]!,
        deps: v.deps,
        row: {
          id: m.versionIds[i]!,
          crate_id: m.id,
          num: v.vers,
          num_no_build: v.vers.replace(/\+.*$/s, ""),
          updated_at: at,
          created_at: at,
          downloads: m.versionDownloads[i]!,
          features: v.features,
          yanked: v.yanked,
          license: meta?.license ?? null,
          crate_size: size,
          published_by: m.times[i]! < PUBLISHED_BY_SINCE ? null : m.userIds[publishers.int(0, m.userIds.length - 1)]!,
          checksum: v.cksum,
          links: v.links,
          rust_version: v.rustVersion ?? own?.rust_version ?? null,
          has_lib: null,
          bin_names: null,
          edition: own?.edition ?? null,
          description: own?.description ?? null,
          homepage: own?.homepage ?? null,
          documentation: own?.documentation ?? null,
          repository: own?.repository ?? null,
          categories: own?.categories ?? [],
          keywords: own?.keywords ?? [],
        },
      });
    });

    // Recent daily downloads for the three highest live versions.
    const recent = prng(`${m.lower}:recent`);
    const share = meta ? recent.between(0.08, 0.25) : 0;
    const picks = live.slice(0, 3);
    const split = [0.7, 0.2, 0.1];
    picks.forEach((i, rank) => {
      const versionTotal = m.versionDownloads[i]!;
      const planned = meta ? Math.min(versionTotal * 0.5, m.downloads * share * split[rank]!) : Math.min(versionTotal, recent.int(0, 12));
      const firstDay = Math.max(LAST_DOWNLOAD_DAY - (DOWNLOAD_DAYS - 1) * DAY, Math.ceil(m.times[i]! / DAY) * DAY);
      const days = Math.floor((LAST_DOWNLOAD_DAY - firstDay) / DAY) + 1;
      if (days <= 0 || planned <= 0) return;
      const perDay = planned / days;
      for (let day = firstDay; day <= LAST_DOWNLOAD_DAY; day += DAY) {
        const weekday = new Date(day).getUTCDay();
        const factor = (weekday === 0 || weekday === 6 ? 0.55 : 1.1) * recent.between(0.8, 1.2);
        const count = meta ? Math.floor(perDay * factor) : recent.next() < perDay ? 1 : 0;
        if (count > 0) downloadRows.push({ versionId: m.versionIds[i]!, day, downloads: count });
      }
    });

    // Owners: the family's users, then its team; first owner at creation.
    const owners = prng(`${m.lower}:ownership`);
    m.userIds.forEach((id, k) => {
      const at = k === 0 ? created : Math.min(DUMP_TIME - DAY, created + owners.int(0, 900) * DAY);
      crateOwners.add({ crate_id: m.id, owner_id: id, owner_kind: 0, created_at: new Date(at), created_by: k === 0 ? null : m.userIds[0]! });
    });
    if (m.teamId !== null) {
      const at = Math.min(DUMP_TIME - DAY, created + owners.int(30, 1200) * DAY);
      crateOwners.add({ crate_id: m.id, owner_id: m.teamId, owner_kind: 1, created_at: new Date(at), created_by: m.userIds[0]! });
    }

    for (const slug of new Set(meta?.categories ?? [])) {
      if (categoryName(slug) === null) continue;
      if (!categoryCrates.has(slug)) categoryCrates.set(slug, []);
      categoryCrates.get(slug)!.push(m.id);
    }
    // crates.io stores keywords lower-cased; the version keeps what the author wrote.
    for (const keyword of new Set((meta?.keywords ?? []).map((k) => k.toLowerCase()))) {
      const entry = keywordCrates.get(keyword) ?? { crates: [], created };
      entry.crates.push(m.id);
      entry.created = Math.min(entry.created, created);
      keywordCrates.set(keyword, entry);
    }
  }

  versionRows.sort((a, b) => a.id - b.id);
  let dependencyId = 0;
  for (const { id, row, deps } of versionRows) {
    versions.add(row);
    for (const dep of deps) {
      // The dump only has edges to crates that exist in it.
      const target = byLower.get(dep.name.toLowerCase());
      if (!target) continue;
      dependencies.add({
        id: ++dependencyId,
        version_id: id,
        crate_id: target.id,
        req: dep.req,
        optional: dep.optional,
        default_features: dep.defaultFeatures,
        features: dep.features,
        target: dep.target ?? "",
        kind: dep.kind === "normal" ? 0 : dep.kind === "build" ? 1 : 2,
        explicit_name: dep.explicitName,
      });
    }
  }
  downloadRows.sort((a, b) => a.versionId - b.versionId || a.day - b.day);
  for (const r of downloadRows) versionDownloads.add({ version_id: r.versionId, downloads: r.downloads, date: new Date(r.day).toISOString().slice(0, 10) });

  const categorySlugs = new Set<string>();
  for (const slug of categoryCrates.keys()) {
    const parts = slug.split("::");
    for (let k = 1; k <= parts.length; k++) categorySlugs.add(parts.slice(0, k).join("::"));
  }
  const categories = new CsvTable(["id", "category", "slug", "description", "crates_cnt", "created_at", "path"]);
  const cratesCategories = new CsvTable(["crate_id", "category_id"]);
  const categoryLinks: [number, number][] = [];
  [...categorySlugs].sort().forEach((slug, k) => {
    const name = categoryName(slug)!;
    const members = categoryCrates.get(slug) ?? [];
    categories.add({
      id: k + 1,
      category: name,
      slug,
      description: `Crates in the ${name.split("::").at(-1)} category (synthetic description).`,
      crates_cnt: members.length,
      created_at: new Date(CATEGORIES_CREATED),
      path: `root.${slug.split("::").map((p) => p.replace(/-/g, "_")).join(".")}`,
    });
    for (const crateId of members) categoryLinks.push([crateId, k + 1]);
  });
  categoryLinks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [crateId, categoryId] of categoryLinks) cratesCategories.add({ crate_id: crateId, category_id: categoryId });

  const keywords = new CsvTable(["id", "keyword", "crates_cnt", "created_at"]);
  const cratesKeywords = new CsvTable(["crate_id", "keyword_id"]);
  const keywordLinks: [number, number][] = [];
  [...keywordCrates.keys()].sort().forEach((keyword, k) => {
    const entry = keywordCrates.get(keyword)!;
    keywords.add({ id: k + 1, keyword, crates_cnt: entry.crates.length, created_at: new Date(entry.created) });
    for (const crateId of entry.crates) keywordLinks.push([crateId, k + 1]);
  });
  keywordLinks.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  for (const [crateId, keywordId] of keywordLinks) cratesKeywords.add({ crate_id: crateId, keyword_id: keywordId });

  const metadataTable = new CsvTable(["total_downloads"]);
  metadataTable.add({ total_downloads: models.reduce((sum, m) => sum + m.downloads, 0) });
  const reserved = new CsvTable(["name"]);
  for (const name of RESERVED_NAMES) reserved.add({ name });

  const tables: Record<DumpTable, CsvTable> = {
    crates,
    crate_downloads: crateDownloads,
    versions,
    default_versions: defaultVersions,
    dependencies,
    version_downloads: versionDownloads,
    categories,
    crates_categories: cratesCategories,
    keywords,
    crates_keywords: cratesKeywords,
    crate_owners: crateOwners,
    users,
    teams,
    metadata: metadataTable,
    reserved_crate_names: reserved,
  };

  const files = new Map<string, string>();
  files.set(
    `${DUMP_FOLDER}/metadata.json`,
    `${JSON.stringify({ timestamp: new Date(DUMP_TIME).toISOString().replace(".000Z", "Z"), crates_io_commit: createHash("sha1").update("cratelist synthetic dump fixture").digest("hex") })}\n`,
  );
  files.set(
    `${DUMP_FOLDER}/README.md`,
    "Synthetic crates.io database dump built by scripts/build-dump-fixture.ts for tests.\nSee fixtures/dump/README.md for which columns are real and which are invented.\n",
  );
  for (const [table, csv] of Object.entries(tables)) files.set(`${DUMP_FOLDER}/data/${table}.csv`, csv.toString());
  return gzipSync(await tarball(files), { level: 9 });
}

/** A tar with sorted entries and fixed headers, so equal inputs give equal bytes. */
async function tarball(files: Map<string, string>): Promise<Buffer> {
  const mtime = new Date(DUMP_TIME);
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve, reject) => {
    archive.on("end", () => resolve());
    archive.on("error", reject);
  });
  const owner = { uid: 0, gid: 0, uname: "", gname: "", mtime };
  const directories = [`${DUMP_FOLDER}/`, `${DUMP_FOLDER}/data/`];
  const entries = [...directories, ...files.keys()].sort();
  for (const name of entries) {
    await new Promise<void>((resolve, reject) => {
      const done = (error?: Error | null) => (error ? reject(error) : resolve());
      if (name.endsWith("/")) archive.entry({ ...owner, name, type: "directory", mode: 0o755 }, done);
      else archive.entry({ ...owner, name, type: "file", mode: 0o644 }, Buffer.from(files.get(name)!, "utf8"), done);
    });
  }
  archive.finalize();
  await ended;
  return Buffer.concat(chunks);
}

/** Writes the tarball to `out` (via a temporary file, so readers never see half of it). */
export async function buildDumpFixture(out: string, sources: DumpFixtureSources = {}): Promise<void> {
  const bytes = await buildDumpTarball(sources);
  await mkdir(path.dirname(out), { recursive: true });
  const partial = `${out}.${process.pid}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, out);
}


async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: "string" }, index: { type: "string" }, metadata: { type: "string" } } });
  const out = path.resolve(values.out ?? path.join(ROOT, "fixtures/dump/db-dump.tar.gz"));
  const indexDir = values.index;
  const metadataFile = values.metadata;
  await buildDumpFixture(out, {
    ...(indexDir ? { indexDir: path.resolve(indexDir) } : {}),
    ...(metadataFile ? { metadataFile: path.resolve(metadataFile) } : {}),
  });
  const hash = createHash("sha256").update(await readFile(out)).digest("hex");
  console.log(`Wrote ${out} (sha256 ${hash})`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
