import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { IngestError } from "./ingest-error";
import { readIndexConfig, readIndexDir, type IndexFile } from "./read-index-dir";

const INDEX = new URL("../../fixtures/crates-io-index/", import.meta.url).pathname;

async function readAll(root: string): Promise<IndexFile[]> {
  const files: IndexFile[] = [];
  for await (const file of readIndexDir(root)) files.push(file);
  return files;
}

const line = (name: string, vers: string) =>
  JSON.stringify({ name, vers, deps: [], cksum: "0".repeat(64), features: {}, yanked: false });

// The fixture walk takes a few hundred ms; every test reads the same result.
let fixture: Promise<IndexFile[]> | null = null;
const readFixture = () => (fixture ??= readAll(INDEX));

let scratch: string | null = null;
async function makeIndex(files: Record<string, string | Buffer>): Promise<string> {
  scratch = await mkdtemp(path.join(tmpdir(), "index-"));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(scratch, file)), { recursive: true });
    await writeFile(path.join(scratch, file), text);
  }
  return scratch;
}

afterEach(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
  scratch = null;
});

describe("readIndexDir on the fixture index", () => {
  it("parses every file: 222 crates, 4284 versions, 370 yanked", async () => {
    const files = await readFixture();
    expect(files).toHaveLength(222);
    const versions = files.flatMap((file) => file.versions);
    expect(versions).toHaveLength(4284);
    expect(versions.filter((version) => version.yanked)).toHaveLength(370);
    expect(files.filter((file) => file.versions.every((version) => version.yanked))).toHaveLength(18);
    expect(versions.filter((version) => version.pubtime !== null)).toHaveLength(409);
    expect(versions.filter((version) => version.rustVersion !== null)).toHaveLength(1028);
    expect(versions.filter((version) => version.v === 2)).toHaveLength(193);
    expect(versions.filter((version) => version.links)).toHaveLength(26);
  });

  it("agrees with SOURCES.tsv on each file's version and yanked counts", async () => {
    const expected = new Map(
      readFileSync(new URL("../../fixtures/crates-io-index.SOURCES.tsv", import.meta.url), "utf8")
        .trim()
        .split("\n")
        .slice(1)
        .map((row) => row.split("\t"))
        .map(([file, crate, versions, yanked]) => [file!, { crate, versions: Number(versions), yanked: Number(yanked) }]),
    );
    for (const file of await readFixture()) {
      expect({
        crate: file.name,
        versions: file.versions.length,
        yanked: file.versions.filter((version) => version.yanked).length,
      }).toEqual(expected.get(file.file));
    }
  });

  it("walks in a fixed sorted order, skips config.json and keeps the published case", async () => {
    const files = await readFixture();
    const paths = files.map((file) => file.file);
    expect(paths.slice(0, 5)).toEqual(["1/c", "1/g", "2/io", "2/rs", "3/f/fnv"]);
    expect(paths).not.toContain("config.json");
    expect([...paths].sort()).toEqual(paths);
    expect(files.find((file) => file.file === "op/en/openapi_test_davidkim")?.name).toBe("openAPI_test_davidkim");
  });

  it("keeps publish order within a file (backports after newer majors)", async () => {
    const http = (await readFixture()).find((file) => file.name === "http")!;
    const nums = http.versions.map((version) => version.vers);
    expect(nums.indexOf("0.2.12")).toBeGreaterThan(nums.indexOf("1.0.0"));
  });
});

describe("readIndexDir checks", () => {
  it("skips dot entries and the root config.json", async () => {
    const root = await makeIndex({
      "config.json": '{"dl":"https://example.test/dl"}',
      ".git/HEAD": "ref: refs/heads/master\n",
      "3/a/abc": `${line("abc", "0.1.0")}\n\n${line("abc", "0.2.0")}\n`,
    });
    const files = await readAll(root);
    expect(files.map((file) => [file.file, file.versions.length, file.lines])).toEqual([["3/a/abc", 2, [1, 3]]]);
  });

  it("reports the file and line of a malformed line", async () => {
    const root = await makeIndex({ "3/a/abc": `${line("abc", "0.1.0")}\n${line("abc", "0.2.0")}\n{"name":"abc",\n` });
    const error = await readAll(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect(error).toMatchObject({ file: "3/a/abc", line: 3 });
    expect((error as Error).message).toMatch(/^3\/a\/abc:3: invalid JSON/);
  });

  it("counts blank lines when reporting line numbers", async () => {
    const root = await makeIndex({ "3/a/abc": `${line("abc", "0.1.0")}\n\n${line("abc", "0.2.0").replace('"0.2.0"', '""')}\n` });
    await expect(readAll(root)).rejects.toMatchObject({ file: "3/a/abc", line: 3 });
  });

  it("rejects invalid UTF-8 at its line instead of storing replacement characters", async () => {
    const bad = Buffer.concat([
      Buffer.from(`${line("abc", "0.1.0")}\n${line("abc", "0.2.0").replace('"features":{}', '"features":{"f')}`),
      Buffer.from([0xff]),
      Buffer.from('":[]}}\n'),
    ]);
    await expect(readAll(await makeIndex({ "3/a/abc": bad }))).rejects.toThrow(/^3\/a\/abc:2: invalid UTF-8 byte sequence/);
  });

  it("rejects a file at the wrong path", async () => {
    const root = await makeIndex({ "ab/cd/abcd": line("serde", "1.0.0") });
    await expect(readAll(root)).rejects.toThrow(/^ab\/cd\/abcd:1: crate "serde" belongs at se\/rd\/serde/);
  });

  it("rejects lines for another crate but allows a case difference", async () => {
    const ok = await makeIndex({ "3/a/abc": `${line("abc", "0.1.0")}\n${line("ABC", "0.2.0")}\n` });
    expect((await readAll(ok))[0]?.name).toBe("abc");
    await rm(ok, { recursive: true });
    const root = await makeIndex({ "3/a/abc": `${line("abc", "0.1.0")}\n${line("abd", "0.2.0")}\n` });
    await expect(readAll(root)).rejects.toMatchObject({ file: "3/a/abc", line: 2 });
  });

  it("rejects a repeated version and an empty file", async () => {
    const dup = await makeIndex({ "3/a/abc": `${line("abc", "0.1.0")}\n${line("abc", "0.1.0")}\n` });
    await expect(readAll(dup)).rejects.toThrow(/3\/a\/abc:2: version 0.1.0 appears more than once/);
    await rm(dup, { recursive: true });
    const empty = await makeIndex({ "3/a/abc": "\n" });
    await expect(readAll(empty)).rejects.toThrow(/^3\/a\/abc: file has no version lines$/);
  });
});

describe("readIndexConfig", () => {
  it("reads the fixture's crates.io config", async () => {
    expect(await readIndexConfig(INDEX)).toEqual({ dl: "https://static.crates.io/crates", api: "https://crates.io" });
  });

  it("returns null without a config.json and rejects a bad one", async () => {
    const root = await makeIndex({ "3/a/abc": line("abc", "0.1.0") });
    expect(await readIndexConfig(root)).toBeNull();
    await writeFile(path.join(root, "config.json"), '{"api":"https://example.test"}');
    await expect(readIndexConfig(root)).rejects.toThrow(/^config\.json: dl: missing/);
  });
});
