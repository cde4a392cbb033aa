import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { bulkLoadIfEmpty, loadIntoEmptyTables } from "./bulk-load";
import { runIngest } from "./run-ingest";
import { timedQuery, type Query } from "./timed-query";

const schemaOf = (url: string, table: string) =>
  queryRows(
    url,
    `SELECT (SELECT json_agg(pg_get_indexdef(indexrelid) ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = $1::regclass) AS indexes,
            (SELECT json_agg(conname || ' ' || pg_get_constraintdef(oid) ORDER BY conname) FROM pg_constraint WHERE conrelid = $1::regclass) AS constraints`,
    [table],
  );

/** Runs `work` in a transaction that is always rolled back. */
async function inTransaction(url: string, work: (q: Query) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await work(timedQuery(client, () => {}));
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
}

describe("bulkLoadIfEmpty", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("leaves every table a first load fills with exactly the indexes and keys the migrations made", async () => {
    const tables = ["crates", "versions", "dependencies", "version_downloads", "crate_categories", "crate_keywords", "crate_owners"];
    const before = await Promise.all(tables.map((t) => schemaOf(db.url, t)));
    await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath: inject("fixtureDumpPath") });
    const [deps] = await queryRows<{ n: number; max: number; last: number }>(
      db.url,
      `SELECT count(*)::int n, max(id) max, (SELECT last_value::int FROM dependencies_id_seq) last FROM dependencies`,
    );
    expect(deps!.n).toBeGreaterThan(1000);
    // Ids numbered by the index stager; the sequence continues after them.
    expect(deps!.max).toBe(deps!.n);
    expect(deps!.last).toBe(deps!.max);
    expect(await Promise.all(tables.map((t) => schemaOf(db.url, t)))).toEqual(before);
  });

  it("numbers a first load's dependencies from the dump by CSV line, and moves their id sequence past them", async () => {
    const dumpOnly = await createTestDatabase({ seeded: false });
    try {
      await runIngest(dumpOnly.url, { dumpPath: inject("fixtureDumpPath") });
      const [row] = await queryRows<{ n: number; min: number; last: number; max: number }>(
        dumpOnly.url,
        `SELECT count(*)::int n, min(id) min, max(id) max, (SELECT last_value::int FROM dependencies_id_seq) last FROM dependencies`,
      );
      expect(row!.n).toBeGreaterThan(1000);
      expect(row!.min).toBeGreaterThanOrEqual(2); // line 1 is the header
      expect(row!.last).toBe(row!.max);
      // A later run's rows take ids from the sequence: no collision.
      await queryRows(
        dumpOnly.url,
        `INSERT INTO dependencies (version_id, crate_name, req, optional, default_features, features, kind)
         SELECT version_id, crate_name, req, optional, default_features, features, kind FROM dependencies LIMIT 1`,
      );
    } finally {
      await dumpOnly.drop();
    }
  });

  it("does nothing on a table with rows, and still checks foreign keys on an empty one", async () => {
    await inTransaction(db.url, async (q) => {
      let filled = false;
      expect(await bulkLoadIfEmpty(q, "dependencies", async () => (filled = true))).toBe(false);
      expect(filled).toBe(false);
      await q("DELETE FROM dependencies");
      const bad = bulkLoadIfEmpty(q, "dependencies", () =>
        q(`INSERT INTO dependencies (version_id, crate_name, req, optional, default_features, features, kind)
           VALUES (2147483647, 'nope', '*', false, true, '{}', 'normal')`),
      );
      await expect(bad).rejects.toThrow(/dependencies_version_id_fkey/);
    });
  });
});

describe("loadIntoEmptyTables", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  const badVersion = `INSERT INTO versions (crate_id, num, sort_key, prerelease, yanked, checksum, features, index_schema)
    VALUES (2147483647, '1.0.0', 'k', false, false, '', '{}', 1)`;

  it("on empty tables, drops their keys while filling and still rejects a row that breaks one, when the key comes back", async () => {
    await inTransaction(db.url, async (q) => {
      let keysWhileFilling = -1;
      const load = loadIntoEmptyTables(q, ["crates", "versions"], async () => {
        keysWhileFilling = (await q(`SELECT count(*)::int n FROM pg_constraint WHERE contype = 'f' AND conrelid = 'versions'::regclass`)).rows[0].n;
        await q(badVersion);
      });
      await expect(load).rejects.toThrow(/versions_crate_id_fkey/);
      expect(keysWhileFilling).toBe(0);
    });
  });

  it("with rows in any of the tables, fills with every key in place", async () => {
    await inTransaction(db.url, async (q) => {
      await q(`INSERT INTO crates (name, name_lower) VALUES ('present', 'present')`);
      let done = false;
      const load = loadIntoEmptyTables(q, ["crates", "versions"], async () => {
        await q(badVersion);
        done = true;
      });
      await expect(load).rejects.toThrow(/versions_crate_id_fkey/);
      expect(done).toBe(false);
    });
  });
});
