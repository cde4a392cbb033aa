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
}, 120_000);

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
});
