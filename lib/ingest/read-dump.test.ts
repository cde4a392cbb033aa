import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pack } from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DumpRow, DumpTable } from "./dump-rows";
import { IngestError } from "./ingest-error";
import { readDump } from "./read-dump";

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "read-dump-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes a .tar.gz holding `files` (path → content) in the given order. */
async function makeTarball(files: [string, string | Buffer][]): Promise<string> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on("data", (chunk: unknown) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((resolve) => archive.on("end", () => resolve()));
  for (const [name, content] of files) {
    await new Promise<void>((resolve, reject) =>
      archive.entry({ name, type: name.endsWith("/") ? "directory" : "file" }, name.endsWith("/") ? undefined! : content, (e) => (e ? reject(e) : resolve())),
    );
  }
  archive.finalize();
  await ended;
  const file = path.join(dir, `dump-${++counter}.tar.gz`);
  await writeFile(file, gzipSync(Buffer.concat(chunks)));
  return file;
}

type Seen = { table: DumpTable; row: DumpRow<DumpTable>; line: number; file: string };

async function collect(tarball: string) {
  const seen: Seen[] = [];
  const summary = await readDump(tarball, (table, row, where) => {
    seen.push({ table, row, ...where });
  });
  return { seen, summary };
}

async function failure(tarball: string): Promise<IngestError> {
  const error = await collect(tarball).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

const CRATES_HEADER = "id,name,updated_at,created_at,description,homepage,documentation,repository,readme,max_upload_size,max_features";
const README = '"# serde\n\nA ""framework"", for\n\nserializing.\n"';

describe("readDump", () => {
  it("streams typed rows of known tables and skips everything else", async () => {
    const tarball = await makeTarball([
      ["2024-08-01-020047/", ""],
      ["2024-08-01-020047/README.md", "# readme\n"],
      ["2024-08-01-020047/metadata.json", '{"timestamp":"2024-08-01T02:00:47Z","crates_io_commit":"7debaadc","extra":1}'],
      ["2024-08-01-020047/data/crates.csv", `${CRATES_HEADER}\n1,serde,2024-07-30 10:00:00.5,2014-12-05 20:20:39.487502,"A framework, really",,https://docs.rs/serde,https://github.com/serde-rs/serde,${README},,\n2,g,2020-01-01 00:00:00,2020-01-01 00:00:00,"",,,,,,\n`],
      ["2024-08-01-020047/data/api_tokens.csv", "id,token\n1,secret\n"],
      ["2024-08-01-020047/data/dependencies.csv", 'id,version_id,crate_id,req,optional,default_features,features,target,kind,explicit_name\n1,10,1,^0.1.25,t,t,"{std,""a b""}","cfg(target_os = ""wasi"")",2,futures_01\n'],
      ["2024-08-01-020047/import.sql", "\\copy crates FROM 'data/crates.csv'\n"],
      ["2024-08-01-020047/data/reserved_crate_names.csv", "name\nstd\ncore\n"],
    ]);
    const { seen, summary } = await collect(tarball);
    expect(summary).toEqual({
      metadata: { timestamp: "2024-08-01T02:00:47Z", crates_io_commit: "7debaadc" },
      tables: { crates: 2, dependencies: 1, reserved_crate_names: 2 },
    });
    expect(seen.map((s) => [s.table, s.file, s.line])).toEqual([
      ["crates", "data/crates.csv", 2],
      ["crates", "data/crates.csv", 8],
      ["dependencies", "data/dependencies.csv", 2],
      ["reserved_crate_names", "data/reserved_crate_names.csv", 2],
      ["reserved_crate_names", "data/reserved_crate_names.csv", 3],
    ]);
    expect(seen[0]!.row).toEqual({
      id: 1,
      name: "serde",
      updated_at: new Date("2024-07-30T10:00:00.500Z"),
      created_at: new Date("2014-12-05T20:20:39.487Z"),
      description: "A framework, really",
      homepage: null,
      documentation: "https://docs.rs/serde",
      repository: "https://github.com/serde-rs/serde",
      readme: '# serde\n\nA "framework", for\n\nserializing.\n',
      max_upload_size: null,
      max_features: null,
      downloads: null,
    });
    expect(seen[1]!.row).toMatchObject({ name: "g", description: null });
    expect(seen[2]!.row).toEqual({
      id: 1,
      version_id: 10,
      crate_id: 1,
      req: "^0.1.25",
      optional: true,
      default_features: true,
      features: ["std", "a b"],
      target: 'cfg(target_os = "wasi")',
      kind: "dev",
      explicit_name: "futures_01",
    });
  });

  it("accepts the older column set (crates.downloads, short versions) and any folder name", async () => {
    const tarball = await makeTarball([
      ["./2019-01-01-000000/data/crates.csv", "id,name,updated_at,created_at,downloads,description,homepage,documentation,readme,textsearchable_index_col,repository,max_upload_size\n1,libc,2019-01-01 00:00:00,2015-01-01 00:00:00,1000,Raw FFI,,,,'libc':1,,\n"],
      ["./2019-01-01-000000/data/versions.csv", "id,crate_id,num,updated_at,created_at,downloads,features,yanked,license,crate_size,published_by,checksum,links,rust_version\n5,1,0.2.0+x,2019-01-01 00:00:00,2015-01-01 00:00:00,10,{},f,MIT,,,,,\n"],
    ]);
    const { seen, summary } = await collect(tarball);
    expect(summary).toEqual({ metadata: null, tables: { crates: 1, versions: 1 } });
    expect(seen[0]!.row).toMatchObject({ name: "libc", downloads: 1000, max_features: null });
    expect(seen[1]!.row).toMatchObject({ num: "0.2.0+x", num_no_build: "0.2.0", checksum: null, edition: null, keywords: [] });
  });

  it("reports a bad int at its physical line, after multi-line records", async () => {
    const tarball = await makeTarball([
      ["d/data/crates.csv", `${CRATES_HEADER}\n1,serde,2024-07-30 10:00:00,2014-12-05 20:20:39,x,,,,${README},,\n2,bad,2024-07-30 10:00:00,2014-12-05 20:20:39,x,,,,,12MB,\n`],
    ]);
    const error = await failure(tarball);
    expect(error).toMatchObject({ file: "data/crates.csv", line: 8 });
    expect(error.message).toBe('data/crates.csv:8: max_upload_size: expected an integer (got "12MB")');
  });

  it("reports a header without a required column on line 1", async () => {
    const tarball = await makeTarball([["d/data/versions.csv", "id,crate_id,created_at\n1,1,2020-01-01 00:00:00\n"]]);
    const error = await failure(tarball);
    expect(error).toMatchObject({ file: "data/versions.csv", line: 1 });
    expect(error.detail).toMatch(/header lacks required column\(s\) "num", "updated_at", "downloads", "features", "yanked", "checksum"/);
  });

  it("reports malformed CSV with a line", async () => {
    const ragged = await failure(await makeTarball([["d/data/crate_downloads.csv", "crate_id,downloads\n1,2\n3\n"]]));
    expect(ragged).toMatchObject({ file: "data/crate_downloads.csv", line: 3 });
    expect(ragged.detail).toMatch(/^malformed CSV: /);
    const quote = await failure(await makeTarball([["d/data/crate_downloads.csv", 'crate_id,downloads\n1,2\n3,"4\n']]));
    expect(quote.file).toBe("data/crate_downloads.csv");
    expect(quote.line).toBeGreaterThanOrEqual(3);
  });

  it("reports a NULL in a one-column table at its line", async () => {
    const error = await failure(await makeTarball([["d/data/reserved_crate_names.csv", "name\nstd\n\ncore\n"]]));
    expect(error).toMatchObject({ file: "data/reserved_crate_names.csv", line: 3 });
  });

  it("rejects an empty table file and bad metadata.json", async () => {
    expect(await failure(await makeTarball([["d/data/teams.csv", ""]]))).toMatchObject({ file: "data/teams.csv", line: null });
    const meta = await failure(await makeTarball([["d/metadata.json", '{"crates_io_commit":"x"}']]));
    expect(meta.message).toBe("metadata.json: timestamp: missing (expected string)");
  });

  it("waits for each row before reading the next", async () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `${i + 1},${i * 3}`);
    const tarball = await makeTarball([["d/data/crate_downloads.csv", `crate_id,downloads\n${lines.join("\n")}\n`]]);
    let inFlight = 0;
    let maxInFlight = 0;
    const ids: number[] = [];
    await readDump(tarball, async (_table, row) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      if (ids.length % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
      ids.push((row as DumpRow<"crate_downloads">).crate_id);
      inFlight--;
    });
    expect(maxInFlight).toBe(1);
    expect(ids).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
  });

  it("stops at the first error thrown by the consumer", async () => {
    const tarball = await makeTarball([
      ["d/data/crate_downloads.csv", "crate_id,downloads\n1,1\n2,2\n3,3\n"],
      ["d/data/metadata.csv", "total_downloads\n6\n"],
    ]);
    let calls = 0;
    await expect(
      readDump(tarball, () => {
        calls++;
        if (calls === 2) throw new Error("database went away");
      }),
    ).rejects.toThrow("database went away");
    expect(calls).toBe(2);
  });

  it("fails on a missing or corrupt tarball", async () => {
    await expect(readDump(path.join(dir, "missing.tar.gz"), () => {})).rejects.toMatchObject({ code: "ENOENT" });
    const corrupt = path.join(dir, "corrupt.tar.gz");
    await writeFile(corrupt, Buffer.from("this is not gzip"));
    await expect(readDump(corrupt, () => {})).rejects.toThrow();
    const lines = Array.from({ length: 5000 }, (_, i) => `${i + 1},${(i * 7919) % 100003}`);
    const whole = await readFile(await makeTarball([["d/data/crate_downloads.csv", `crate_id,downloads\n${lines.join("\n")}\n`]]));
    const truncated = path.join(dir, "truncated.tar.gz");
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    let rows = 0;
    await expect(readDump(truncated, () => void rows++)).rejects.toThrow(/unexpected end of file/i);
    expect(rows).toBeLessThan(5000);
  });
});
