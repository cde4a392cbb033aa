import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DumpRow, DumpTable } from "../lib/ingest/dump-rows";
import { readDump, type DumpSummary } from "../lib/ingest/read-dump";
import { readIndexConfig, readIndexDir, type IndexFile } from "../lib/ingest/read-index-dir";
import { generateSyntheticRegistry, type SyntheticRegistryResult } from "./generate-synthetic-registry";

// 0.002 × 250,000 = 500 crates: a few thousand versions, tens of thousands of dependencies.
const SCALE = 0.002;

let dir: string;
let first: SyntheticRegistryResult;
let second: SyntheticRegistryResult;
let summary: DumpSummary;
let index: IndexFile[];
const rows: { [T in DumpTable]?: DumpRow<T>[] } = {};

function table<T extends DumpTable>(name: T): DumpRow<T>[] {
  return (rows[name] ?? []) as DumpRow<T>[];
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "synthetic-registry-"));
  first = await generateSyntheticRegistry({ out: path.join(dir, "first"), scale: SCALE, seed: 7 });
  second = await generateSyntheticRegistry({ out: path.join(dir, "second"), scale: SCALE, seed: 7 });
  summary = await readDump(first.dumpPath, (name, row) => {
    ((rows[name] ??= []) as unknown[]).push(row);
  });
  index = [];
  for await (const file of readIndexDir(first.indexDir)) index.push(file);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("generateSyntheticRegistry", () => {
  it("is byte-identical for the same seed and scale", async () => {
    const [a, b] = await Promise.all([readFile(first.dumpPath), readFile(second.dumpPath)]);
    expect(b.equals(a)).toBe(true);
    expect(second.counts).toEqual(first.counts);
    // The index too, file by file.
    for (const file of index) {
      const [x, y] = await Promise.all([readFile(path.join(first.indexDir, file.file)), readFile(path.join(second.indexDir, file.file))]);
      expect(y.equals(x)).toBe(true);
    }
  });

  it("gives different data for another seed, and replaces it when run again in the same place", async () => {
    const out = path.join(dir, "other");
    const other = await generateSyntheticRegistry({ out, scale: SCALE, seed: 8 });
    expect((await readFile(other.dumpPath)).equals(await readFile(first.dumpPath))).toBe(false);
    const again = await generateSyntheticRegistry({ out, scale: SCALE, seed: 7 });
    expect((await readFile(again.dumpPath)).equals(await readFile(first.dumpPath))).toBe(true);
    const files: string[] = [];
    for await (const file of readIndexDir(again.indexDir)) files.push(file.file);
    expect(files).toEqual(index.map((f) => f.file));
    expect((await readdir(out)).sort()).toEqual(["db-dump.tar.gz", "index"]);
  });

  it("refuses to replace an index/ folder that is not a synthetic one", async () => {
    const out = path.join(dir, "foreign");
    await mkdir(path.join(out, "index"), { recursive: true });
    await writeFile(path.join(out, "index/config.json"), '{"dl":"https://static.crates.io/crates"}');
    await expect(generateSyntheticRegistry({ out, scale: SCALE })).rejects.toThrow(/not a synthetic index/);
    expect(await readdir(path.join(out, "index"))).toEqual(["config.json"]);
  });

  it("reads back through the dump and index readers with the returned counts", async () => {
    expect(summary.metadata).toEqual({ timestamp: "2026-12-01T00:00:00Z", crates_io_commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    for (const [name, count] of Object.entries(summary.tables)) expect(first.counts[name], name).toBe(count);
    expect(Object.keys(summary.tables)).toHaveLength(15);
    expect(first.counts.crates).toBe(500);
    expect(first.counts.index_files).toBe(index.length);
    expect(first.counts.index_lines).toBe(index.reduce((sum, f) => sum + f.versions.length, 0));
    expect(await readIndexConfig(first.indexDir)).toMatchObject({ dl: expect.any(String) });
  });

  it("labels the tarball as synthetic", async () => {
    const tar = extract();
    Readable.from(await readFile(first.dumpPath)).pipe(createGunzip()).pipe(tar);
    const texts = new Map<string, string>();
    for await (const entry of tar) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      if (!entry.header.name.endsWith(".csv")) texts.set(entry.header.name, Buffer.concat(chunks).toString("utf8"));
    }
    const folder = "2026-12-01-000000";
    expect(JSON.parse(texts.get(`${folder}/metadata.json`)!)).toMatchObject({ synthetic: true, seed: 7, scale: SCALE });
    expect(texts.get(`${folder}/README.txt`)).toMatch(/^SYNTHETIC DATA/);
  });

  it("has an index that agrees with the dump: same crates, versions, checksums, yanks and dependencies", () => {
    const crateName = new Map(table("crates").map((c) => [c.id, c.name]));
    const versionsByCrate = new Map<string, Map<string, DumpRow<"versions">>>();
    for (const v of table("versions")) {
      const name = crateName.get(v.crate_id)!;
      if (!versionsByCrate.has(name)) versionsByCrate.set(name, new Map());
      versionsByCrate.get(name)!.set(v.num, v);
    }
    const depsByVersion = new Map<number, DumpRow<"dependencies">[]>();
    for (const d of table("dependencies")) {
      if (!depsByVersion.has(d.version_id)) depsByVersion.set(d.version_id, []);
      depsByVersion.get(d.version_id)!.push(d);
    }
    expect(index.map((f) => f.name).sort()).toEqual([...versionsByCrate.keys()].sort());
    for (const file of index) {
      const dumped = versionsByCrate.get(file.name)!;
      expect(file.versions.map((v) => v.vers).sort()).toEqual([...dumped.keys()].sort());
      for (const line of file.versions) {
        const row = dumped.get(line.vers)!;
        expect(line.cksum).toBe(row.checksum);
        expect(line.yanked).toBe(row.yanked);
        expect(line.features).toEqual(row.features);
        const fromDump = (depsByVersion.get(row.id) ?? []).map((d) => `${crateName.get(d.crate_id)}|${d.req}|${d.kind}|${d.optional}|${d.target}|${d.explicit_name}`);
        const fromIndex = line.deps.map((d) => `${d.name}|${d.req}|${d.kind}|${d.optional}|${d.target}|${d.explicitName}`);
        expect(fromIndex.sort()).toEqual(fromDump.sort());
      }
    }
  });

  it("references only rows that exist", () => {
    const crateIds = new Set(table("crates").map((c) => c.id));
    const versionIds = new Set(table("versions").map((v) => v.id));
    const users = new Set(table("users").map((u) => u.id));
    const teams = new Set(table("teams").map((t) => t.id));
    const categories = new Set(table("categories").map((c) => c.id));
    const keywords = new Set(table("keywords").map((k) => k.id));
    // Collected rather than asserted row by row: tens of thousands of rows.
    const dangling = [
      ...table("dependencies").filter((d) => !crateIds.has(d.crate_id) || !versionIds.has(d.version_id)),
      ...table("versions").filter((v) => !crateIds.has(v.crate_id)),
      ...table("version_downloads").filter((d) => !versionIds.has(d.version_id)),
      ...table("default_versions").filter((d) => !versionIds.has(d.version_id) || !crateIds.has(d.crate_id)),
      ...table("crate_downloads").filter((d) => !crateIds.has(d.crate_id)),
      ...table("crate_owners").filter((o) => !crateIds.has(o.crate_id) || !(o.owner_kind === "user" ? users : teams).has(o.owner_id)),
      ...table("crates_categories").filter((x) => !crateIds.has(x.crate_id) || !categories.has(x.category_id)),
      ...table("crates_keywords").filter((x) => !crateIds.has(x.crate_id) || !keywords.has(x.keyword_id)),
    ];
    expect(dangling).toEqual([]);
    expect(versionIds.size).toBe(table("versions").length);
    expect(new Set(table("dependencies").map((d) => d.id)).size).toBe(table("dependencies").length);
    // Within crates.io's upload limit, and int-sized like the real column.
    expect(table("versions").filter((v) => v.crate_size === null || v.crate_size > 10 * 1024 * 1024)).toEqual([]);
  });

  it("has crate names that are valid and unique case-insensitively (also across - and _)", () => {
    const names = table("crates").map((c) => c.name);
    for (const name of names) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/);
    expect(new Set(names.map((n) => n.toLowerCase().replace(/_/g, "-"))).size).toBe(names.length);
  });

  it("has power-law downloads: the top 1% of crates hold more than 30% of all downloads", () => {
    const downloads = table("crate_downloads").map((d) => d.downloads).sort((a, b) => b - a);
    const total = downloads.reduce((a, b) => a + b, 0);
    const top = downloads.slice(0, Math.ceil(downloads.length / 100)).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.3);
    expect(downloads[0]).toBeGreaterThan(1e8);
    expect(table("metadata")[0]!.total_downloads).toBe(total);
    // Versions split their crate's total exactly.
    const perCrate = new Map<number, number>();
    for (const v of table("versions")) perCrate.set(v.crate_id, (perCrate.get(v.crate_id) ?? 0) + v.downloads);
    for (const d of table("crate_downloads")) expect(perCrate.get(d.crate_id)).toBe(d.downloads);
  });

  it("has yanked versions, all-yanked crates and placeholder crates", () => {
    const versions = table("versions");
    const yanked = versions.filter((v) => v.yanked).length / versions.length;
    expect(yanked).toBeGreaterThan(0.01);
    expect(yanked).toBeLessThan(0.08);
    const live = new Set(versions.filter((v) => !v.yanked).map((v) => v.crate_id));
    const allYanked = table("crates").filter((c) => !live.has(c.id));
    expect(allYanked.length).toBeGreaterThan(0);
    const counts = new Map<number, number>();
    for (const v of versions) counts.set(v.crate_id, (counts.get(v.crate_id) ?? 0) + 1);
    const placeholders = table("crates").filter((c) => c.description === null && counts.get(c.id) === 1);
    expect(placeholders.length).toBeGreaterThan(0);
  });

  it("has dependencies of every kind, ~12 per version, and 90 days of recent downloads", () => {
    const deps = table("dependencies");
    const perVersion = deps.length / table("versions").length;
    expect(perVersion).toBeGreaterThan(6);
    expect(perVersion).toBeLessThan(20);
    const kinds = new Map<string, number>();
    for (const d of deps) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
    expect(kinds.get("normal")! / deps.length).toBeGreaterThan(0.6);
    expect(kinds.get("dev")! / deps.length).toBeGreaterThan(0.1);
    expect(kinds.get("build")).toBeGreaterThan(0);
    expect(deps.some((d) => d.optional)).toBe(true);
    expect(deps.some((d) => d.target !== null)).toBe(true);
    const dates = table("version_downloads").map((d) => d.date.toISOString().slice(0, 10));
    expect(dates.reduce((a, b) => (a < b ? a : b))).toBe("2026-09-02");
    expect(dates.reduce((a, b) => (a > b ? a : b))).toBe("2026-11-30");
  });
});
