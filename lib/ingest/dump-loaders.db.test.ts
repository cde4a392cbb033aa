import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { tarGz } from "../../test/tar-gz";
import { IngestError } from "./ingest-error";
import { runIngest } from "./run-ingest";

// The dump reaches PostgreSQL by COPY on a real server and by batched INSERTs
// of rows validated in JavaScript on the embedded one. Both must load the same
// data and reject the same bad input with the same file and line.

const CRATES_HEADER = "id,name,updated_at,created_at,description,homepage,documentation,repository,readme";
const VERSIONS_HEADER = "id,crate_id,num,updated_at,created_at,downloads,features,yanked,license,checksum";
const goodCrates = `${CRATES_HEADER}\n1,serde,2026-01-01 00:00:00,2015-01-01 00:00:00,"A framework\nwith a two-line description",,,,\n`;
const version = (id: number, num: string, extra = "") =>
  `${id},1,${num},2026-01-01 00:00:00,2015-01-01 00:00:00,5,{},f,MIT,${"a".repeat(63)}${id % 10}${extra}\n`;


const inDumpFolder = (files: Record<string, string | Buffer>) =>
  Object.fromEntries(Object.entries(files).map(([name, body]) => [`2026-01-01-000000/${name}`, body]));

async function tableSnapshot(url: string) {
  const [snapshot] = await queryRows(url, `SELECT
      (SELECT json_agg(c ORDER BY c.name) FROM (SELECT name, description, homepage, repository, created_at, updated_at,
         downloads::text, recent_downloads::text, max_version, version_count, all_yanked, reverse_dependency_count FROM crates) c) crates,
      (SELECT json_agg(v ORDER BY v.crate_id, v.num) FROM (SELECT crate_id, num, sort_key, prerelease, yanked, checksum, features,
         published_at, license, crate_size, edition, downloads::text, published_by_id FROM versions) v) versions,
      (SELECT count(*) FROM dependencies) dependencies,
      (SELECT json_agg(x ORDER BY x.slug) FROM (SELECT slug, name, description, crate_count FROM categories) x) categories,
      (SELECT json_agg(x ORDER BY x.keyword) FROM (SELECT keyword, crate_count FROM keywords) x) keywords,
      (SELECT json_agg(x ORDER BY x.id) FROM registry_users x) users,
      (SELECT json_agg(x ORDER BY x.crate_id, x.kind, x.user_id, x.team_id) FROM (SELECT crate_id, kind, user_id, team_id, created_at FROM crate_owners) x) owners,
      (SELECT sum(downloads) FROM version_downloads) daily_downloads`);
  return snapshot!;
}

describe.skipIf(!inject("postgresAdminUrl"))("dump loaders on a real server", () => {
  let copyDb: TestDatabase;
  let insertDb: TestDatabase;
  let dir: string;
  const dumpPath = inject("fixtureDumpPath");

  beforeAll(async () => {
    [copyDb, insertDb] = await Promise.all([createTestDatabase({ seeded: false }), createTestDatabase({ seeded: false })]);
    dir = await mkdtemp(path.join(tmpdir(), "cratelist-loaders-"));
  });
  afterAll(async () => {
    await Promise.all([copyDb?.drop(), insertDb?.drop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("COPY and batched INSERT load exactly the same data from the fixture dump", async () => {
    await runIngest(copyDb.url, { indexDir: fixtureIndexDir, dumpPath, dumpLoader: "copy" });
    await runIngest(insertDb.url, { indexDir: fixtureIndexDir, dumpPath, dumpLoader: "insert" });
    const [copied, inserted] = await Promise.all([tableSnapshot(copyDb.url), tableSnapshot(insertDb.url)]);
    expect(copied.crates.length).toBe(222);
    expect(copied).toEqual(inserted);
  });

  const badDumps: { name: string; files: Record<string, string | Buffer>; where: string; says: RegExp }[] = [
    {
      name: "a value of the wrong type",
      files: { "data/crates.csv": goodCrates, "data/versions.csv": VERSIONS_HEADER + "\n" + version(10, "1.0.0") + version(11, "1.0.1").replace(",f,", ",maybe,") },
      where: "data/versions.csv:3",
      says: /boolean|t or f/i,
    },
    {
      name: "a checksum that is not hex",
      files: { "data/crates.csv": goodCrates, "data/versions.csv": VERSIONS_HEADER + "\n" + version(10, "1.0.0").replace(/a{63}0/, "xyz") },
      where: "data/versions.csv:2",
      says: /checksum/i,
    },
    {
      name: "a row with an extra column",
      files: { "data/crates.csv": goodCrates, "data/versions.csv": VERSIONS_HEADER + "\n" + version(10, "1.0.0", ",surplus") },
      where: "data/versions.csv:2",
      says: /column|field|extra|record length/i,
    },
    {
      name: "a row after a multi-line field, numbered by physical line",
      files: { "data/crates.csv": goodCrates + "2,bad,not-a-date,2015-01-01 00:00:00,,,,,\n" },
      where: "data/crates.csv:4",
      says: /timestamp/i,
    },
    {
      name: "a header without a required column",
      files: { "data/crates.csv": "id,updated_at,created_at\n1,2026-01-01 00:00:00,2015-01-01 00:00:00\n" },
      where: "data/crates.csv:1",
      says: /name/,
    },
    {
      name: "two crates whose names differ only in case",
      files: { "data/crates.csv": goodCrates + "2,Serde,2026-01-01 00:00:00,2015-01-01 00:00:00,,,,,\n" },
      where: "data/crates.csv:4",
      says: /crate name "Serde" appears more than once \(names are unique case-insensitively; first on line 2\)/,
    },
    {
      name: "two crates with the same id",
      files: { "data/crates.csv": goodCrates + "1,other,2026-01-01 00:00:00,2015-01-01 00:00:00,,,,,\n" },
      where: "data/crates.csv:4",
      says: /crate id 1 appears more than once \(first on line 2\)/,
    },
    {
      name: "a version of a crate that is not in crates.csv",
      files: { "data/crates.csv": goodCrates, "data/versions.csv": VERSIONS_HEADER + "\n" + version(10, "1.0.0").replace(/^10,1,/, "10,7,") },
      where: "data/versions.csv:2",
      says: /crate_id 7 is not in crates\.csv/,
    },
    {
      name: "two versions with the same id",
      files: { "data/crates.csv": goodCrates, "data/versions.csv": VERSIONS_HEADER + "\n" + version(10, "1.0.0") + version(10, "1.0.1") },
      where: "data/versions.csv:3",
      says: /version id 10 appears more than once \(first on line 2\)/,
    },
    {
      name: "the same version number of a crate twice",
      files: { "data/crates.csv": goodCrates, "data/versions.csv": VERSIONS_HEADER + "\n" + version(10, "1.0.0") + version(11, "1.0.0") },
      where: "data/versions.csv:3",
      says: /version 1\.0\.0 of crate_id 1 appears more than once \(first on line 2\)/,
    },
    {
      name: "invalid UTF-8",
      files: {
        "data/crates.csv": Buffer.concat([Buffer.from(`${CRATES_HEADER}\n1,serde,2026-01-01 00:00:00,2015-01-01 00:00:00,bad `), Buffer.from([0xff, 0xfe]), Buffer.from(",,,,\n")]),
      },
      where: "data/crates.csv:2",
      says: /UTF-8|UTF8|encoding/i,
    },
  ];

  for (const loader of ["copy", "insert"] as const) {
    for (const bad of badDumps) {
      it(`${loader}: rejects ${bad.name}, naming ${bad.where}, and changes nothing`, async () => {
        const db = loader === "copy" ? copyDb : insertDb;
        const before = await tableSnapshot(db.url);
        const tarball = path.join(dir, `${loader}-${bad.name.replace(/\W+/g, "-")}.tar.gz`);
        await writeFile(tarball, await tarGz(inDumpFolder({ "metadata.json": '{"timestamp":"2026-01-01T00:00:00Z"}', ...bad.files })));
        const error = await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath: tarball, dumpLoader: loader }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IngestError);
        expect((error as Error).message).toContain(bad.where);
        expect((error as Error).message).toMatch(bad.says);
        expect(await tableSnapshot(db.url)).toEqual(before);
      });
    }
  }

  it("rejects a truncated gzip with a clear error and changes nothing", async () => {
    const before = await tableSnapshot(copyDb.url);
    const whole = await readFile(dumpPath);
    const truncated = path.join(dir, "truncated.tar.gz");
    await writeFile(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(runIngest(copyDb.url, { dumpPath: truncated })).rejects.toThrow(/unexpected end|truncated|incomplete/i);
    expect(await tableSnapshot(copyDb.url)).toEqual(before);
  });
});
