import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { queryRows } from "../../test/query-rows";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { LostConnectionError, withIngestRun } from "./with-ingest-run";

// The database can drop a run's connection (a restart, an administrator's
// pg_terminate_backend). The run must fail with that error, not end the
// process, and the next run must record it as interrupted.
describe.skipIf(!inject("postgresAdminUrl"))("a run whose connection is cut", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("fails with the connection's error, and the next run records it as interrupted", async () => {
    const error = await withIngestRun(db.url, { source: "index:/srv/cut" }, async ({ client }) => {
      const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      await queryRows(db.url, "SELECT pg_terminate_backend($1)", [rows[0]!.pid]);
      await client.query("SELECT 1");
      return { result: {}, counts: {} };
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(LostConnectionError);
    expect((error as Error).message).toBe("the database connection was lost: terminating connection due to administrator command");

    await withIngestRun(db.url, { source: "index:/srv/next" }, async () => ({ result: {}, counts: {} }));
    const runs = await queryRows(db.url, `SELECT source, status, error FROM ingest_runs ORDER BY id`);
    expect(runs).toEqual([
      { source: "index:/srv/cut", status: "failed", error: expect.stringMatching(/^interrupted: /) },
      { source: "index:/srv/next", status: "succeeded", error: null },
    ]);
  });
});
