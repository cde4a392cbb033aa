import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DumpRow, DumpTable } from "../lib/ingest/dump-rows";
import { parsePgArray } from "../lib/ingest/dump-rows";
import { readDump, type DumpSummary } from "../lib/ingest/read-dump";
import { readIndexDir, type IndexFile } from "../lib/ingest/read-index-dir";
import { buildDumpFixture, csvField, pgArray, pgTimestamp } from "./build-dump-fixture";

const ROOT = path.resolve(import.meta.dirname, "..");
const INDEX = path.join(ROOT, "fixtures/crates-io-index");

let dir: string;
let tarball: string;
let index: IndexFile[];
let summary: DumpSummary;
const rows: { [T in DumpTable]?: DumpRow<T>[] } = {};

function table<T extends DumpTable>(name: T): DumpRow<T>[] {
  return (rows[name] ?? []) as DumpRow<T>[];
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dump-fixture-"));
  tarball = path.join(dir, "first/db-dump.tar.gz");
  await buildDumpFixture(tarball);
  index = [];
  for await (const file of readIndexDir(INDEX)) index.push(file);
  summary = await readDump(tarball, (name, row) => {
    ((rows[name] ??= []) as unknown[]).push(row);
  });
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("build-dump-fixture", () => {
  it("is byte-identical across runs, including through the command line", async () => {
    const second = path.join(dir, "second.tar.gz");
    await promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/build-dump-fixture.ts", "--out", second], { cwd: ROOT });
    const [a, b] = await Promise.all([readFile(tarball), readFile(second)]);
    expect(a.length).toBeGreaterThan(100_000);
    expect(b.equals(a)).toBe(true);
  }, 60_000);

  it("reads back with one crate per index file and one version per index line", () => {
    expect(summary.metadata).toEqual({ timestamp: "2026-12-01T00:00:00Z", crates_io_commit: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(summary.tables.crates).toBe(222);
    expect(summary.tables.versions).toBe(4284);
    expect(summary.tables.crate_downloads).toBe(222);
    expect(summary.tables.default_versions).toBe(222);
    expect(Object.keys(summary.tables).sort()).toEqual(
      [
        "categories", "crate_downloads", "crate_owners", "crates", "crates_categories", "crates_keywords", "default_versions",
        "dependencies", "keywords", "metadata", "reserved_crate_names", "teams", "users", "version_downloads", "versions",
      ].sort(),
    );
    for (const [name, count] of Object.entries(summary.tables)) expect(table(name as DumpTable)).toHaveLength(count);
  });

  it("carries the real index values into versions", () => {
    const crateName = new Map(table("crates").map((c) => [c.id, c.name]));
    const dumped = new Map(table("versions").map((v) => [`${crateName.get(v.crate_id)}@${v.num}`, v]));
    let yanked = 0;
    for (const file of index) {
      for (const version of file.versions) {
        const row = dumped.get(`${file.name}@${version.vers}`);
        expect(row, `${file.name}@${version.vers}`).toBeDefined();
        expect(row!.checksum).toBe(version.cksum);
        expect(row!.yanked).toBe(version.yanked);
        expect(row!.features).toEqual(version.features);
        expect(row!.links).toBe(version.links);
        if (version.pubtime) expect(row!.created_at).toEqual(version.pubtime);
        if (row!.yanked) yanked++;
      }
    }
    expect(yanked).toBe(370);
  });

  it("keeps publish order and dates inside the crates.io era", () => {
    const launch = Date.UTC(2014, 10, 11);
    const dump = Date.UTC(2026, 11, 1);
    for (const v of table("versions")) {
      expect(v.created_at.getTime()).toBeGreaterThanOrEqual(launch);
      expect(v.created_at.getTime()).toBeLessThan(dump);
    }
    const serde = table("crates").find((c) => c.name === "serde")!;
    const times = table("versions").filter((v) => v.crate_id === serde.id).sort((a, b) => a.id - b.id).map((v) => v.created_at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("has one dependency row per index dependency on a crate of the slice", () => {
    const inSlice = new Set(index.map((file) => file.name.toLowerCase()));
    const expected = index.flatMap((f) => f.versions.flatMap((v) => v.deps)).filter((d) => inSlice.has(d.name.toLowerCase()));
    expect(table("dependencies")).toHaveLength(expected.length);
    expect(expected.length).toBe(9912);
  });

  it("points renamed dependencies at the real crate with explicit_name", () => {
    const crateId = new Map(table("crates").map((c) => [c.name, c.id]));
    const versionOf = new Map(table("versions").map((v) => [v.id, v]));
    const renamed = table("dependencies").filter((d) => d.explicit_name === "futures_01");
    expect(renamed.length).toBeGreaterThan(0);
    for (const dep of renamed) {
      expect(dep.crate_id).toBe(crateId.get("futures"));
      expect(versionOf.get(dep.version_id)!.crate_id).toBe(crateId.get("futures-util"));
    }
    const wasi = table("dependencies").filter((d) => d.target === 'cfg(target_os = "wasi")');
    expect(wasi.length).toBeGreaterThan(0);
    expect(table("dependencies").some((d) => d.kind === "build")).toBe(true);
  });

  it("uses real metadata and leaves crates without it bare", () => {
    const crates = new Map(table("crates").map((c) => [c.name, c]));
    expect(crates.get("serde")).toMatchObject({
      description: expect.stringContaining("serialization"),
      repository: "https://github.com/serde-rs/serde",
    });
    expect(crates.get("serde")!.readme).toContain("\n");
    expect(crates.get("zzzz")).toMatchObject({ description: null, homepage: null, repository: null, readme: null });
    const slugs = table("categories").map((c) => c.slug);
    expect(slugs).toContain("web-programming::http-client");
    expect(slugs).toContain("web-programming");
    expect(slugs).not.toContain("no_std");
    expect(table("categories").find((c) => c.slug === "web-programming::http-client")!.category).toBe("Web programming::HTTP client");
  });

  it("gives popular crates large and junk crates tiny synthetic downloads", () => {
    const crates = new Map(table("crates").map((c) => [c.name, c.id]));
    const downloads = new Map(table("crate_downloads").map((d) => [d.crate_id, d.downloads]));
    const of = (name: string) => downloads.get(crates.get(name)!)!;
    expect(of("serde")).toBeGreaterThan(100_000_000);
    expect(of("syn")).toBeGreaterThan(1_000_000);
    expect(of("zzzz")).toBeLessThan(5_000);
    expect(of("serde")).toBeGreaterThan(of("actix-web"));
    const perCrate = new Map<number, number>();
    for (const v of table("versions")) perCrate.set(v.crate_id, (perCrate.get(v.crate_id) ?? 0) + v.downloads);
    for (const [id, total] of downloads) expect(perCrate.get(id)).toBe(total);
    expect(table("metadata")[0]!.total_downloads).toBe([...downloads.values()].reduce((a, b) => a + b, 0));
  });

  it("keeps 90 days of recent downloads within each version's total", () => {
    const dates = table("version_downloads").map((d) => d.date.toISOString().slice(0, 10)).sort();
    expect(dates[0]! >= "2026-09-02").toBe(true);
    expect(dates.at(-1)).toBe("2026-11-30");
    const recent = new Map<number, number>();
    for (const d of table("version_downloads")) recent.set(d.version_id, (recent.get(d.version_id) ?? 0) + d.downloads);
    for (const v of table("versions")) expect(recent.get(v.id) ?? 0).toBeLessThanOrEqual(v.downloads);
  });

  it("links every id to an existing row", () => {
    const crates = new Set(table("crates").map((c) => c.id));
    const versions = new Set(table("versions").map((v) => v.id));
    const users = new Set(table("users").map((u) => u.id));
    const teams = new Set(table("teams").map((t) => t.id));
    for (const v of table("versions")) expect(crates.has(v.crate_id)).toBe(true);
    for (const d of table("dependencies")) expect(crates.has(d.crate_id) && versions.has(d.version_id)).toBe(true);
    for (const d of table("default_versions")) expect(versions.has(d.version_id)).toBe(true);
    for (const o of table("crate_owners")) expect(o.owner_kind === "user" ? users.has(o.owner_id) : teams.has(o.owner_id)).toBe(true);
    for (const v of table("versions")) if (v.published_by !== null) expect(users.has(v.published_by)).toBe(true);
  });
});

describe("CSV and array writers", () => {
  it("quote like Postgres COPY CSV", () => {
    expect(csvField(null)).toBe("");
    expect(csvField("")).toBe('""');
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", twice\n')).toBe('"say ""hi"", twice\n"');
    expect(csvField("\\.")).toBe('"\\."');
    expect(csvField(true)).toBe("t");
    expect(csvField(["a", "b c"])).toBe('"{a,""b c""}"');
    expect(pgTimestamp(Date.UTC(2024, 2, 4, 16, 35, 58))).toBe("2024-03-04 16:35:58");
    expect(pgTimestamp(Date.UTC(2024, 2, 4, 16, 35, 58, 120))).toBe("2024-03-04 16:35:58.12");
  });

  it("write arrays the array parser reads back", () => {
    const tricky = ["", "NULL", "null", "a b", 'q"uote', "back\\slash", "{brace}", "comma,", "dep:x", "x?/y", "ünïcode"];
    expect(parsePgArray(pgArray(tricky))).toEqual(tricky);
    expect(pgArray([])).toBe("{}");
  });
});
