import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { queryRows } from "../../test/query-rows";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { bulkLoadIfEmpty } from "./bulk-load";
import { runIngest } from "./run-ingest";
import { timedQuery } from "./timed-query";

const schemaOf = (url: string, table: string) =>
  queryRows(
    url,
    `SELECT (SELECT json_agg(pg_get_indexdef(indexrelid) ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = $1::regclass) AS indexes,
            (SELECT json_agg(conname || ' ' || pg_get_constraintdef(oid) ORDER BY conname) FROM pg_constraint WHERE conrelid = $1::regclass) AS constraints`,
    [table],
  );

describe("bulkLoadIfEmpty", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("leaves the bulk-filled tables with exactly the indexes and keys the migrations made", async () => {
    const before = { deps: await schemaOf(db.url, "dependencies"), daily: await schemaOf(db.url, "version_downloads") };
    await runIngest(db.url, { indexDir: fixtureIndexDir, dumpPath: inject("fixtureDumpPath") });
    const [{ n }] = (await queryRows<{ n: number }>(db.url, `SELECT count(*)::int n FROM dependencies`)) as [{ n: number }];
    expect(n).toBeGreaterThan(1000);
    expect(await schemaOf(db.url, "dependencies")).toEqual(before.deps);
    expect(await schemaOf(db.url, "version_downloads")).toEqual(before.daily);
  });

  it("does nothing on a table with rows, and still checks foreign keys on an empty one", async () => {
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const q = timedQuery(client, () => {});
      await client.query("BEGIN");
      let filled = false;
      expect(await bulkLoadIfEmpty(q, "dependencies", async () => (filled = true))).toBe(false);
      expect(filled).toBe(false);
      await client.query("DELETE FROM dependencies");
      const bad = bulkLoadIfEmpty(q, "dependencies", () =>
        q(`INSERT INTO dependencies (version_id, crate_name, req, optional, default_features, features, kind)
           VALUES (2147483647, 'nope', '*', false, true, '{}', 'normal')`),
      );
      await expect(bad).rejects.toThrow(/dependencies_version_id_fkey/);
    } finally {
      await client.query("ROLLBACK").catch(() => {});
      await client.end();
    }
  });
});
