import { createReadStream } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { extract } from "tar-stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { tarGz } from "../../test/tar-gz";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { IngestError } from "./ingest-error";
import { runIngest, type IngestOptions } from "./run-ingest";

// Bad input given to a whole ingest run, against a database already holding
// the fixtures: each run must fail with a message naming the file and line
// (or byte offset, or URL) and what was wrong, record that message in its
// ingest_runs row, and leave the served data exactly as it was.
//
// Covered elsewhere at the runIngest level, for both dump loaders, and not
// repeated here: a row with an extra field, invalid UTF-8 in a CSV, a header
// lacking a required column (dump-loaders.db.test.ts). Readers of single
// files are tested in read-dump.test.ts, read-index-dir.test.ts,
// parse-index-line.test.ts and open-dump-source.test.ts.

// crate_owners rows get new surrogate ids each run; the rest is compared whole.
const SERVED_TABLES: Record<string, string> = {
  crates: "crates",
  versions: "versions",
  dependencies: "dependencies",
  categories: "categories",
  keywords: "keywords",
  crate_owners: "(SELECT crate_id, kind, user_id, team_id, created_at FROM crate_owners)",
  version_downloads: "version_downloads",
};

/** Whole rows of the served tables, hashed: any change to any column shows. */
async function servedChecksum(url: string) {
  const hash = ([name, from]: [string, string]) => `(SELECT md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM ${from} t) ${name}`;
  const [row] = await queryRows(url, `SELECT ${Object.entries(SERVED_TABLES).map(hash).join(", ")}`);
  return row!;
}

/** The fixture dump's file entries (name → bytes), in tarball order. */
async function readTarGzFiles(file: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const tar = extract();
  const feeding = pipeline(createReadStream(file), createGunzip(), tar);
  for await (const entry of tar) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    if (entry.header.type === "file") files.set(entry.header.name, Buffer.concat(chunks));
  }
  await feeding;
  return files;
}

describe.skipIf(!inject("postgresAdminUrl"))("an ingest given bad input", () => {
  let db: TestDatabase;
  let dir: string;
  let fixtureFiles: Map<string, Buffer>;
  /** The dump's top folder (`2026-12-01-000000`). */
  let folder: string;
  let baseline: Record<string, unknown>;
  let server: http.Server;
  let base: string;
  let fixtureDump: Buffer;
  const fixtureDumpPath = inject("fixtureDumpPath");
  /** Paths the local dump server was asked for. */
  const requests: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
    dir = await mkdtemp(path.join(tmpdir(), "cratelist-bad-input-"));
    fixtureDump = await readFile(fixtureDumpPath);
    fixtureFiles = await readTarGzFiles(fixtureDumpPath);
    folder = [...fixtureFiles.keys()].find((name) => name.endsWith("/metadata.json"))!.split("/")[0]!;
    baseline = await servedChecksum(db.url);
    server = http.createServer((req, res) => {
      requests.push(req.url!);
      const file = /^\/files\/([\w.-]+)$/.exec(req.url!)?.[1];
      if (file) {
        readFile(path.join(dir, file)).then(
          (body) => res.writeHead(200, { "content-type": "application/gzip", "content-length": body.length }).end(body),
          () => res.writeHead(404).end(),
        );
      } else if (req.url === "/login") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><h1>Sign in to download</h1>");
      } else if (req.url === "/db-dump.tar.gz") {
        res.writeHead(200, { "content-type": "application/gzip", "content-length": fixtureDump.length }).end(fixtureDump);
      } else if (req.url === "/cut/db-dump.tar.gz") {
        // The whole length is announced, half is sent, then the connection drops.
        res.writeHead(200, { "content-type": "application/gzip", "content-length": fixtureDump.length });
        res.write(fixtureDump.subarray(0, Math.floor(fixtureDump.length / 2)), () => res.socket?.destroy());
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server?.closeAllConnections();
    if (server) await new Promise((resolve) => server.close(resolve));
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs the ingest, expects it to fail as described, and checks that nothing but a failed run row was written. */
  async function expectRefused(options: IngestOptions, where: string, says: RegExp): Promise<string> {
    const error = await runIngest(db.url, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    const message = (error as Error).message;
    expect(message).toContain(where);
    expect(message).toMatch(says);
    expect(await servedChecksum(db.url)).toEqual(baseline);
    const [run] = await queryRows(db.url, `SELECT status, error, finished_at IS NOT NULL AS finished FROM ingest_runs ORDER BY id DESC LIMIT 1`);
    expect(run).toEqual({ status: "failed", error: message, finished: true });
    return message;
  }

  /** The fixture dump with some entries (relative to the top folder) replaced, written to the temp dir. */
  async function fixtureDumpWith(name: string, replaced: Record<string, string | Buffer>): Promise<string> {
    const files: Record<string, string | Buffer> = {};
    for (const [entry, body] of fixtureFiles) files[entry] = body;
    for (const [entry, body] of Object.entries(replaced)) files[`${folder}/${entry}`] = body;
    const file = path.join(dir, `${name}.tar.gz`);
    await writeFile(file, await tarGz(files));
    return file;
  }

  /** A copy of the fixture index with `change` applied to it. */
  async function fixtureIndexWith(name: string, change: (root: string) => Promise<void>): Promise<string> {
    const root = path.join(dir, name);
    await cp(fixtureIndexDir, root, { recursive: true });
    await change(root);
    return root;
  }

  for (const loader of ["copy", "insert"] as const) {
    describe(`${loader} loader`, () => {
      it("refuses a truncated gzip, naming the dump and the byte it stops at", async () => {
        const truncated = path.join(dir, `truncated-${loader}.tar.gz`);
        const length = Math.floor(fixtureDump.length / 2);
        await writeFile(truncated, fixtureDump.subarray(0, length));
        await expectRefused({ indexDir: fixtureIndexDir, dumpPath: truncated, dumpLoader: loader }, `${truncated}: `, new RegExp(`truncated gzip data.*byte ${length}\\b`));
      });

      it("refuses a CSV row with a missing field, naming the file and line", async () => {
        const csv = fixtureFiles.get(`${folder}/data/dependencies.csv`)!.toString("utf8").split("\n");
        // Records of dependencies.csv are one line each; drop line 100's last field (explicit_name).
        csv[99] = csv[99]!.replace(/,[^,]*$/, "");
        const dumpPath = await fixtureDumpWith(`missing-field-${loader}`, { "data/dependencies.csv": csv.join("\n") });
        await expectRefused({ indexDir: fixtureIndexDir, dumpPath, dumpLoader: loader }, "data/dependencies.csv:100:", /record length|fields|column/i);
      });

      it("refuses a dump whose metadata names an unknown format version", async () => {
        const dumpPath = await fixtureDumpWith(`format-${loader}`, {
          "metadata.json": JSON.stringify({ timestamp: "2026-12-01T00:00:00Z", crates_io_commit: "0".repeat(40), format_version: "2.0" }),
        });
        const message = await expectRefused({ indexDir: fixtureIndexDir, dumpPath, dumpLoader: loader }, `${folder}/metadata.json: `, /format_version "2\.0"/);
        expect(message).toMatch(/reads format_version "0\.1"/);
      });

      it("refuses a URL that answers with an HTML page", async () => {
        const url = `${base}/login`;
        const message = await expectRefused({ indexDir: fixtureIndexDir, dumpPath: url, dumpLoader: loader }, url, /HTML/);
        expect(message).toBe(`${url}: the server answered HTML (text/html), not a gzip tarball`);
      });

      it("refuses a download cut mid-body, naming the URL and the byte reached", async () => {
        const url = `${base}/cut/db-dump.tar.gz`;
        const message = await expectRefused({ indexDir: fixtureIndexDir, dumpPath: url, dumpLoader: loader }, url, /cut/);
        // Bytes already received but not yet read are dropped with the connection, so the offset may be a little short of what was sent.
        const match = new RegExp(`^${url}: the connection was cut at byte (\\d+) of ${fixtureDump.length}$`).exec(message);
        expect(match).not.toBeNull();
        expect(Number(match![1])).toBeGreaterThan(0);
        expect(Number(match![1])).toBeLessThanOrEqual(Math.floor(fixtureDump.length / 2));
      });

      it("control: the intact fixture dump from the same server ingests", async () => {
        const summary = await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath: `${base}/db-dump.tar.gz`, dumpLoader: loader });
        expect(summary.crates).toBe(222);
        expect(summary.staged.dump_crates).toBe(222);
        const [run] = await queryRows(db.url, `SELECT status, source FROM ingest_runs ORDER BY id DESC LIMIT 1`);
        expect(run).toEqual({ status: "succeeded", source: `index:${fixtureIndexDir} dump:${base}/db-dump.tar.gz` });
        // A successful run may rewrite rows (the merge's business, not this file's); later cases compare with what it left.
        baseline = await servedChecksum(db.url);
      });
    });
  }

  it("copy loader: locates a row COPY refused in a dump from a URL by downloading it again", async () => {
    const csv = fixtureFiles.get(`${folder}/data/dependencies.csv`)!.toString("utf8").split("\n");
    csv[99] = csv[99]!.replace(/,[^,]*$/, "");
    await fixtureDumpWith("missing-field-url", { "data/dependencies.csv": csv.join("\n") });
    const url = `${base}/files/missing-field-url.tar.gz`;
    requests.length = 0;
    await expectRefused({ indexDir: fixtureIndexDir, dumpPath: url, dumpLoader: "copy" }, "data/dependencies.csv:100:", /record length/i);
    expect(requests).toEqual(["/files/missing-field-url.tar.gz", "/files/missing-field-url.tar.gz"]);
  });

  // The index is read before the dump whichever loader is used.
  it("refuses an index line that is not JSON, naming the file and line", async () => {
    let line = 0;
    const indexDir = await fixtureIndexWith("not-json", async (root) => {
      const file = path.join(root, "se/rd/serde");
      const text = await readFile(file, "utf8");
      const body = text.endsWith("\n") ? text : `${text}\n`;
      line = body.split("\n").length;
      await writeFile(file, `${body}{"name":"serde","vers":"9.9.9",\n`);
    });
    await expectRefused({ indexDir, dumpPath: fixtureDumpPath }, `se/rd/serde:${line}:`, /invalid JSON/);
  });

  it("refuses an index file at another crate's path, naming the file and line", async () => {
    const indexDir = await fixtureIndexWith("wrong-path", async (root) => {
      await cp(path.join(root, "se/rd/serde"), path.join(root, "to/ki/tokio"));
    });
    await expectRefused({ indexDir, dumpPath: fixtureDumpPath }, "to/ki/tokio:1:", /"serde" belongs at se\/rd\/serde/);
  });
});
