import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DumpRow, DumpTable } from "../lib/ingest/dump-rows";
import { readDump } from "../lib/ingest/read-dump";
import { readIndexDir, type IndexFile } from "../lib/ingest/read-index-dir";
import { buildDumpFixture } from "./build-dump-fixture";
import { combineRegistries, EXTRA_ID_OFFSET, type CombinedRegistry } from "./combine-registries";
import { generateSyntheticRegistry, type SyntheticRegistryResult } from "./generate-synthetic-registry";

// A 500-crate synthetic registry plus the real fixture crates, combined.
const ROOT = path.resolve(import.meta.dirname, "..");
const FIXTURE_INDEX = path.join(ROOT, "fixtures/crates-io-index");

let dir: string;
let synthetic: SyntheticRegistryResult;
let combined: CombinedRegistry;
const base: { [T in DumpTable]?: DumpRow<T>[] } = {};
const extra: { [T in DumpTable]?: DumpRow<T>[] } = {};
const rows: { [T in DumpTable]?: DumpRow<T>[] } = {};
let index: IndexFile[];
// The same combination with popularity lent to the established real crates.
let lent: CombinedRegistry;
const lentRows: { [T in DumpTable]?: DumpRow<T>[] } = {};
let lentIndex: IndexFile[];
let baseIndex: IndexFile[];

function of<T extends DumpTable>(set: { [K in DumpTable]?: DumpRow<K>[] }, name: T): DumpRow<T>[] {
  return (set[name] ?? []) as DumpRow<T>[];
}

async function read(dumpPath: string, into: { [T in DumpTable]?: DumpRow<T>[] }) {
  await readDump(dumpPath, (name, row) => {
    ((into[name] ??= []) as unknown[]).push(row);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "combine-registries-"));
  synthetic = await generateSyntheticRegistry({ out: path.join(dir, "synthetic"), scale: 0.002, seed: 3 });
  const fixtureDump = path.join(dir, "fixture-dump.tar.gz");
  await buildDumpFixture(fixtureDump);
  combined = await combineRegistries({
    base: { indexDir: synthetic.indexDir, dumpPath: synthetic.dumpPath },
    extra: { indexDir: FIXTURE_INDEX, dumpPath: fixtureDump },
    out: path.join(dir, "combined"),
  });
  await read(synthetic.dumpPath, base);
  await read(fixtureDump, extra);
  await read(combined.dumpPath, rows);
  index = [];
  for await (const file of readIndexDir(combined.indexDir)) index.push(file);
  lent = await combineRegistries({
    base: { indexDir: synthetic.indexDir, dumpPath: synthetic.dumpPath },
    extra: { indexDir: FIXTURE_INDEX, dumpPath: fixtureDump },
    out: path.join(dir, "lent"),
    lendPopularity: true,
  });
  await read(lent.dumpPath, lentRows);
  lentIndex = [];
  for await (const file of readIndexDir(lent.indexDir)) lentIndex.push(file);
  baseIndex = [];
  for await (const file of readIndexDir(synthetic.indexDir)) baseIndex.push(file);
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("combineRegistries", () => {
  it("indexes every crate of both, each under its own name", async () => {
    const names = index.map((f) => f.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBe(synthetic.counts.index_files! + combined.extraIndexFiles);
    for (const name of ["serde", "tokio", "reqwest"]) expect(names).toContain(name);
  });

  it("keeps the base dump's rows and appends the extra dump's with moved ids", () => {
    expect(of(rows, "crates").length).toBe(of(base, "crates").length + of(extra, "crates").length);
    expect(of(rows, "versions").length).toBe(of(base, "versions").length + of(extra, "versions").length);
    expect(of(rows, "dependencies").length).toBe(of(base, "dependencies").length + of(extra, "dependencies").length);
    expect(of(rows, "crates").slice(0, of(base, "crates").length)).toEqual(of(base, "crates"));
    const serde = of(rows, "crates").find((c) => c.name === "serde")!;
    const original = of(extra, "crates").find((c) => c.name === "serde")!;
    expect(serde.id).toBe(original.id + EXTRA_ID_OFFSET);
    expect(serde.description).toBe(original.description);
    // Empty strings stay empty strings, NULLs stay NULL.
    expect(of(rows, "crates").filter((c) => c.id > EXTRA_ID_OFFSET).map((c) => [c.name, c.description, c.homepage])).toEqual(
      of(extra, "crates").map((c) => [c.name, c.description, c.homepage]),
    );
  });

  it("leaves no reference dangling and no id or slug twice", () => {
    const unique = (values: unknown[]) => expect(new Set(values).size).toBe(values.length);
    unique(of(rows, "crates").map((c) => c.id));
    unique(of(rows, "crates").map((c) => c.name.toLowerCase()));
    unique(of(rows, "versions").map((v) => v.id));
    unique(of(rows, "users").map((u) => u.id));
    unique(of(rows, "teams").map((t) => t.id));
    unique(of(rows, "categories").map((c) => c.slug));
    unique(of(rows, "categories").map((c) => c.id));
    const crates = new Set(of(rows, "crates").map((c) => c.id));
    const versions = new Set(of(rows, "versions").map((v) => v.id));
    const categories = new Set(of(rows, "categories").map((c) => c.id));
    const keywords = new Set(of(rows, "keywords").map((k) => k.id));
    expect(of(rows, "versions").every((v) => crates.has(v.crate_id))).toBe(true);
    expect(of(rows, "dependencies").every((d) => versions.has(d.version_id) && crates.has(d.crate_id))).toBe(true);
    expect(of(rows, "crates_categories").every((x) => crates.has(x.crate_id) && categories.has(x.category_id))).toBe(true);
    expect(of(rows, "crates_keywords").every((x) => crates.has(x.crate_id) && keywords.has(x.keyword_id))).toBe(true);
    expect(of(rows, "version_downloads").every((d) => versions.has(d.version_id))).toBe(true);
  });

  it("gives a real crate the categories it had, by slug", () => {
    const slugOf = (set: typeof rows, id: number) => of(set, "categories").find((c) => c.id === id)?.slug;
    const categoriesOf = (set: typeof rows, name: string) => {
      const crate = of(set, "crates").find((c) => c.name === name)!;
      return of(set, "crates_categories")
        .filter((x) => x.crate_id === crate.id)
        .map((x) => slugOf(set, x.category_id))
        .sort();
    };
    expect(categoriesOf(rows, "reqwest")).toEqual(categoriesOf(extra, "reqwest"));
    expect(categoriesOf(rows, "reqwest").length).toBeGreaterThan(0);
  });

  it("combines without lending unless asked: the real crates keep the fixture's downloads", () => {
    expect(combined.loans).toEqual([]);
    const downloads = (set: typeof rows, name: string, offset: number) => {
      const crate = of(extra, "crates").find((c) => c.name === name)!;
      return of(set, "crate_downloads").find((d) => d.crate_id === crate.id + offset)?.downloads;
    };
    expect(downloads(rows, "reqwest", EXTRA_ID_OFFSET)).toBe(downloads(extra, "reqwest", 0));
  });
});

describe("combineRegistries with lendPopularity", () => {
  const baseRanked = () => [...of(base, "crate_downloads")].sort((a, b) => b.downloads - a.downloads || a.crate_id - b.crate_id);
  const realId = (name: string) => of(extra, "crates").find((c) => c.name === name)!.id + EXTRA_ID_OFFSET;

  it("pairs each established real crate, most downloaded first, with the synthetic crate at twice its rank", () => {
    const names = lent.loans.map((l) => l.real);
    for (const name of ["serde", "tokio", "reqwest", "clap", "anyhow"]) expect(names).toContain(name);
    // Junk, placeholders and all-yanked crates are not established.
    for (const name of ["qwerasdfzxcv", "cratesio-placeholder-package", "test123", "can_deleted"]) expect(names).not.toContain(name);
    const ranked = baseRanked();
    lent.loans.forEach((loan, i) => {
      expect(loan.lenderId).toBe(ranked[2 * i]!.crate_id);
      expect(loan.downloads).toBe(ranked[2 * i]!.downloads);
    });
  });

  it("gives a borrower its lender's downloads, all-time and per day, and leaves the lender and everyone else alone", () => {
    const downloadsOf = (set: typeof rows, id: number) => of(set, "crate_downloads").find((d) => d.crate_id === id)!.downloads;
    const loan = lent.loans.find((l) => l.real === "reqwest")!;
    expect(downloadsOf(lentRows, realId("reqwest"))).toBe(downloadsOf(base, loan.lenderId));
    expect(downloadsOf(lentRows, loan.lenderId)).toBe(downloadsOf(base, loan.lenderId));
    expect(downloadsOf(lentRows, realId("qwerasdfzxcv"))).toBe(downloadsOf(rows, realId("qwerasdfzxcv")));
    // The base dump's rows are untouched.
    expect(of(lentRows, "crate_downloads").slice(0, of(base, "crate_downloads").length)).toEqual(of(base, "crate_downloads"));

    const dailyOf = (set: typeof rows, crateId: number) => {
      const versions = new Set(of(set, "versions").filter((v) => v.crate_id === crateId).map((v) => v.id));
      const perDay = new Map<string, number>();
      for (const d of of(set, "version_downloads")) {
        if (!versions.has(d.version_id)) continue;
        const day = d.date.toISOString().slice(0, 10);
        perDay.set(day, (perDay.get(day) ?? 0) + d.downloads);
      }
      return perDay;
    };
    const lenderDaily = dailyOf(base, loan.lenderId);
    expect(lenderDaily.size).toBeGreaterThan(0);
    expect(dailyOf(lentRows, realId("reqwest"))).toEqual(lenderDaily);
    // Version download counts follow the new total.
    const versionSum = of(lentRows, "versions").filter((v) => v.crate_id === realId("reqwest")).reduce((sum, v) => sum + v.downloads, 0);
    expect(Math.abs(versionSum - loan.downloads) / loan.downloads).toBeLessThan(0.01);
  });

  it("makes every synthetic version that depends on a lender also depend on its borrower, without touching the base index", () => {
    const dependsOn = (files: IndexFile[], name: string) =>
      files.flatMap((f) => f.versions.filter((v) => v.deps.some((d) => d.name.toLowerCase() === name.toLowerCase())).map((v) => `${v.name}@${v.vers}`));
    const loan = lent.loans.find((l) => l.real === "tokio")!;
    const synthetic = lentIndex.filter((f) => baseIndex.some((b) => b.file === f.file));
    const lenderDependents = dependsOn(synthetic, loan.lender);
    expect(lenderDependents.length).toBeGreaterThan(0);
    expect(dependsOn(synthetic, "tokio")).toEqual(lenderDependents);
    const added = synthetic.flatMap((f) => f.versions.flatMap((v) => v.deps.filter((d) => d.name === "tokio")));
    expect(added.every((d) => /^\^1\./.test(d.req))).toBe(true);
    // The base index (hard-linked into the combined one) still depends on no real crate.
    expect(dependsOn(baseIndex, "tokio")).toEqual([]);
    expect(baseIndex.map((f) => f.versions.length)).toEqual(synthetic.map((f) => f.versions.length));
  });
});
