/**
 * Gives the real fixture crates the standing they have on crates.io when they
 * are combined with a synthetic registry (scripts/combine-registries.ts).
 *
 * The fixture dump's downloads are made up from the 222-crate slice alone
 * (build-dump-fixture.ts): reqwest gets ~170,000 downloads and no dependents,
 * while the synthetic registry's popular crates are calibrated to crates.io
 * (up to ~10^9 downloads, thousands of dependents). On crates.io the slice's
 * established crates (serde, tokio, reqwest, clap, ...) are among the few
 * hundred most used of all. So each established real crate takes a place in
 * the synthetic popularity order: real crate i (by its fixture downloads,
 * most first) borrows from the synthetic crate at rank 2i (by downloads):
 *
 * - its all-time downloads, and its daily downloads (summed per day, put on
 *   the real crate's newest live version); the real crate's versions'
 *   download counts are scaled to the new total;
 * - its dependents: every synthetic index line that depends on the lender
 *   (by name or `package`) also depends on the real crate, with the same
 *   kind, target and optional flag, and `^<newest live version>` as the
 *   requirement.
 *
 * The lenders keep everything they had: no synthetic crate loses standing.
 * "Established" = the fixture gave it at least ESTABLISHED_DOWNLOADS
 * downloads (crates with real metadata; the junk, placeholder and test
 * crates get far fewer) and not every version is yanked. Those stay as the
 * fixture made them.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { parse } from "csv-parse";
import { readDumpEntries, type DumpTable } from "../lib/ingest/read-dump";

/** Fixture downloads at or above this mark a crate with real metadata (build-dump-fixture gives them ≥ 10^4.3). */
export const ESTABLISHED_DOWNLOADS = 10_000;

/** An in-memory CSV table (combine-registries' shape). null = NULL. */
export interface SmallTable {
  header: string[];
  rows: (string | null)[][];
}

export interface Loan {
  /** The real crate (its name and its id in the extra dump). */
  real: string;
  realId: number;
  /** The synthetic crate it borrows from. */
  lender: string;
  lenderId: number;
  downloads: number;
}

interface BaseSurvey {
  /** Synthetic crates, most downloaded first. */
  ranked: { id: number; downloads: number }[];
  names: Map<number, string>;
  /** Every synthetic version's id and crate id (two parallel arrays). */
  versionIds: number[];
  versionCrates: number[];
}

/**
 * Streams the named tables of a dump (the ingest's own tarball reader) and
 * hands each row, as an object of strings, to `onRow`.
 */
async function scanDump(dumpPath: string, tables: ReadonlySet<DumpTable>, onRow: (table: DumpTable, row: Record<string, string>) => void): Promise<void> {
  await readDumpEntries(dumpPath, async (table, entry) => {
    if (!tables.has(table)) {
      for await (const _ of entry) void _;
      return 0;
    }
    if (table === "version_downloads") {
      // Three plain columns, no quoting: split lines by hand (tens of millions of rows at full scale).
      let header: string[] | null = null;
      const take = (line: string) => {
        if (line === "") return;
        const fields = line.split(",");
        if (header === null) header = fields;
        else onRow(table, Object.fromEntries(header.map((h, i) => [h, fields[i] ?? ""])));
      };
      let rest = "";
      for await (const chunk of entry) {
        const lines = (rest + chunk.toString("utf8")).split("\n");
        rest = lines.pop() ?? "";
        lines.forEach(take);
      }
      take(rest);
      return 0;
    }
    const parser = Readable.from(entry).pipe(parse({ columns: true, relax_column_count: false }));
    for await (const row of parser as AsyncIterable<Record<string, string>>) onRow(table, row);
    return 0;
  });
}

async function surveyBase(dumpPath: string): Promise<BaseSurvey> {
  const downloads = new Map<number, number>();
  const names = new Map<number, string>();
  const versionIds: number[] = [];
  const versionCrates: number[] = [];
  await scanDump(dumpPath, new Set(["crate_downloads", "crates", "versions"]), (table, row) => {
    if (table === "crate_downloads") downloads.set(Number(row.crate_id), Number(row.downloads));
    else if (table === "crates") names.set(Number(row.id), String(row.name));
    else {
      versionIds.push(Number(row.id));
      versionCrates.push(Number(row.crate_id));
    }
  });
  const ranked = [...downloads].map(([id, n]) => ({ id, downloads: n })).sort((a, b) => b.downloads - a.downloads || a.id - b.id);
  return { ranked, names, versionIds, versionCrates };
}

function col(table: SmallTable, name: string): number {
  const i = table.header.indexOf(name);
  if (i < 0) throw new Error(`the extra dump's table lacks the column ${name}`);
  return i;
}

function table(small: Map<string, SmallTable>, name: string): SmallTable {
  const found = small.get(name);
  if (!found) throw new Error(`the extra dump has no ${name}.csv`);
  return found;
}

/** Each extra crate's newest live (non-yanked) version, by crate id; version ids follow publish time. */
type NewestLive = Map<string, { id: number; num: string }>;

function newestLiveVersions(small: Map<string, SmallTable>): NewestLive {
  const versions = table(small, "versions");
  const newest: NewestLive = new Map();
  for (const row of versions.rows) {
    if (row[col(versions, "yanked")] === "t") continue;
    const crate = String(row[col(versions, "crate_id")]);
    const id = Number(row[col(versions, "id")]);
    if (id > (newest.get(crate)?.id ?? -1)) newest.set(crate, { id, num: String(row[col(versions, "num")]) });
  }
  return newest;
}

/** The established real crates, most downloaded first, paired with their lenders. */
function planLoans(small: Map<string, SmallTable>, base: BaseSurvey, newest: NewestLive): Loan[] {
  const crates = table(small, "crates");
  const crateDownloads = table(small, "crate_downloads");
  const downloadsOf = new Map(crateDownloads.rows.map((row) => [String(row[col(crateDownloads, "crate_id")]), Number(row[col(crateDownloads, "downloads")])]));
  const established = crates.rows
    .map((row) => ({ id: String(row[col(crates, "id")]), name: String(row[col(crates, "name")]) }))
    .filter((c) => (downloadsOf.get(c.id) ?? 0) >= ESTABLISHED_DOWNLOADS && newest.has(c.id))
    .sort((a, b) => downloadsOf.get(b.id)! - downloadsOf.get(a.id)! || (a.name < b.name ? -1 : 1));
  const loans: Loan[] = [];
  established.forEach((c, i) => {
    const lender = base.ranked[2 * i];
    if (!lender) return;
    loans.push({ real: c.name, realId: Number(c.id), lender: base.names.get(lender.id) ?? String(lender.id), lenderId: lender.id, downloads: lender.downloads });
  });
  return loans;
}

/** The lenders' daily downloads, summed per crate and day. */
async function lenderDailyDownloads(dumpPath: string, loans: Loan[], base: BaseSurvey): Promise<Map<number, Map<string, number>>> {
  const lenders = new Set(loans.map((l) => l.lenderId));
  const versionLender = new Map<number, number>();
  base.versionCrates.forEach((crate, i) => {
    if (lenders.has(crate)) versionLender.set(base.versionIds[i]!, crate);
  });
  const byCrate = new Map<number, Map<string, number>>();
  await scanDump(dumpPath, new Set(["version_downloads"]), (_, row) => {
    const crate = versionLender.get(Number(row.version_id));
    if (crate === undefined) return;
    const perDay = byCrate.get(crate) ?? new Map<string, number>();
    perDay.set(String(row.date), (perDay.get(String(row.date)) ?? 0) + Number(row.downloads));
    byCrate.set(crate, perDay);
  });
  return byCrate;
}

/** Rewrites the extra dump's download tables (in place, before their ids are moved) so each borrower has its lender's downloads. */
function applyLoansToDump(small: Map<string, SmallTable>, loans: Loan[], daily: Map<number, Map<string, number>>, newest: NewestLive): void {
  const crateDownloads = table(small, "crate_downloads");
  const versions = table(small, "versions");
  const versionDownloads = table(small, "version_downloads");
  const byReal = new Map(loans.map((l) => [String(l.realId), l]));
  const oldTotal = new Map<string, number>();
  for (const row of crateDownloads.rows) {
    const loan = byReal.get(String(row[col(crateDownloads, "crate_id")]));
    if (!loan) continue;
    oldTotal.set(String(loan.realId), Number(row[col(crateDownloads, "downloads")]));
    row[col(crateDownloads, "downloads")] = String(loan.downloads);
  }
  for (const row of versions.rows) {
    const crate = String(row[col(versions, "crate_id")]);
    const loan = byReal.get(crate);
    if (!loan) continue;
    const at = col(versions, "downloads");
    row[at] = String(Math.round((Number(row[at]) * loan.downloads) / Math.max(1, oldTotal.get(crate) ?? 1)));
  }
  // Every borrower has a live version (planLoans): its own daily rows give way to the lender's.
  const versionCrate = new Map(versions.rows.map((row) => [String(row[col(versions, "id")]), String(row[col(versions, "crate_id")])]));
  const header = versionDownloads.header;
  const kept = versionDownloads.rows.filter((row) => !byReal.has(versionCrate.get(String(row[col(versionDownloads, "version_id")])) ?? ""));
  for (const loan of loans) {
    const version = newest.get(String(loan.realId))!.id;
    for (const [date, downloads] of [...(daily.get(loan.lenderId) ?? [])].sort()) {
      const row: (string | null)[] = header.map(() => null);
      row[col(versionDownloads, "version_id")] = String(version);
      row[col(versionDownloads, "downloads")] = String(downloads);
      row[col(versionDownloads, "date")] = date;
      kept.push(row);
    }
  }
  versionDownloads.rows = kept;
  const metadata = small.get("metadata");
  if (metadata && metadata.rows[0]) {
    metadata.rows[0][col(metadata, "total_downloads")] = String(
      crateDownloads.rows.reduce((sum, row) => sum + Number(row[col(crateDownloads, "downloads")]), 0),
    );
  }
}

interface IndexDep {
  name: string;
  package?: string;
  req: string;
  features: string[];
  optional: boolean;
  default_features: boolean;
  target: string | null;
  kind: string;
}

/**
 * Adds a dependency on each borrower next to every dependency on its lender,
 * in the combined index's synthetic files. A changed file is written anew and
 * renamed over the old name, so the hard-linked base file is never modified.
 */
async function applyLoansToIndex(indexDir: string, files: string[], loans: Loan[], newest: NewestLive): Promise<number> {
  const borrower = new Map(loans.map((loan) => [loan.lender.toLowerCase(), { name: loan.real, req: `^${newest.get(String(loan.realId))!.num}` }]));
  let changed = 0;
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = path.join(indexDir, files[next++]!);
      const text = await readFile(file, "utf8");
      let touched = false;
      const lines = text.split("\n").map((line) => {
        if (line.trim() === "") return line;
        const entry = JSON.parse(line) as { deps?: IndexDep[] };
        const deps = entry.deps ?? [];
        const have = new Set(deps.map((d) => (d.package ?? d.name).toLowerCase()));
        const added: IndexDep[] = [];
        for (const dep of deps) {
          const to = borrower.get((dep.package ?? dep.name).toLowerCase());
          if (!to || have.has(to.name.toLowerCase())) continue;
          have.add(to.name.toLowerCase());
          added.push({ name: to.name, req: to.req, features: [], optional: dep.optional, default_features: true, target: dep.target, kind: dep.kind });
        }
        if (added.length === 0) return line;
        touched = true;
        entry.deps = [...deps, ...added];
        return JSON.stringify(entry);
      });
      if (!touched) continue;
      const partial = `${file}.${process.pid}.partial`;
      await writeFile(partial, lines.join("\n"));
      await rename(partial, file);
      changed++;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return changed;
}

export interface LendPopularityResult {
  loans: Loan[];
  /** Synthetic index files that gained dependencies on real crates. */
  indexFilesChanged: number;
}

/**
 * Lends synthetic popularity to the established real crates: rewrites the
 * extra dump's tables in `small` (in place, before combine-registries moves
 * their ids) and the base's crate files in the combined index (`baseFiles`,
 * relative to `indexDir`, the extra crates' files excluded).
 */
export async function lendPopularity(options: {
  baseDumpPath: string;
  small: Map<string, SmallTable>;
  indexDir: string;
  baseFiles: string[];
  log?: (message: string) => void;
}): Promise<LendPopularityResult> {
  const log = options.log ?? (() => {});
  const survey = await surveyBase(options.baseDumpPath);
  const newest = newestLiveVersions(options.small);
  const loans = planLoans(options.small, survey, newest);
  log(`lending popularity: ${loans.length} established real crates take synthetic ranks 0, 2, ..., ${2 * (loans.length - 1)}`);
  const daily = await lenderDailyDownloads(options.baseDumpPath, loans, survey);
  applyLoansToDump(options.small, loans, daily, newest);
  const indexFilesChanged = await applyLoansToIndex(options.indexDir, options.baseFiles, loans, newest);
  log(`  ${indexFilesChanged} synthetic index files now also depend on real crates`);
  return { loans, indexFilesChanged };
}
