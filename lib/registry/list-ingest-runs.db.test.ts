import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { queryRows } from "../../test/query-rows";
import { useTestPrisma } from "../../test/test-database";
import { INGEST_LOCK_KEY } from "../ingest/ingest-lock";
import { withIngestRun } from "../ingest/with-ingest-run";
import { listIngestRuns } from "./list-ingest-runs";

describe("listIngestRuns", () => {
  const database = useTestPrisma({ seeded: true });

  it("shows the seeding run with its counts, and no server paths", async () => {
    const [latest] = await listIngestRuns(database.prisma);
    expect(latest).toMatchObject({ status: "succeeded", source: "index + dump", crates: 222, versions: 4284, progress: null, alive: null });
    expect(latest!.finishedAt!.getTime()).toBeGreaterThanOrEqual(latest!.startedAt.getTime());
    expect(JSON.stringify(latest)).not.toMatch(/fixtures|\/tmp|\.tar\.gz/);
  });

  it("names an index sync's kind of source, never its path or URL", async () => {
    for (const source of ["index-sync:dir:/srv/index", "index-sync:git:/srv/crates-index", "index-sync:sparse:https://index.example/"]) {
      await database.prisma.ingestRun.create({ data: { source, status: "succeeded", finishedAt: new Date() } });
    }
    const runs = await listIngestRuns(database.prisma);
    expect(runs.slice(0, 3).map((r) => r.source)).toEqual(["index sync (HTTP)", "index sync (git)", "index sync (directory)"]);
    expect(JSON.stringify(runs)).not.toMatch(/\/srv|example/);
  });

  it("lists newest first and reports failures with their error", async () => {
    await database.prisma.ingestRun.create({ data: { source: "dump:/srv/x.tar.gz", status: "failed", error: "data/crates.csv:3: bad", finishedAt: new Date() } });
    const runs = await listIngestRuns(database.prisma);
    expect(runs[0]).toMatchObject({ status: "failed", source: "dump", error: "data/crates.csv:3: bad", crates: null });
    expect(runs[0]!.id).toBeGreaterThan(runs[1]!.id);
  });

  // The embedded server takes one connection: runs there write no progress.
  describe.skipIf(!inject("postgresAdminUrl"))("while a run is running", () => {
    it("shows its current phase, written from another connection, and clears it when the run ends", async () => {
      let during: Awaited<ReturnType<typeof listIngestRuns>>[number] | undefined;
      await withIngestRun(database.db.url, { source: "dump:/srv/y.tar.gz", progressEveryMs: 50 }, async ({ progress }) => {
        const phase = progress.phase("dump: dependencies", { total: 10, unit: "rows" });
        phase.tick(4);
        for (let waited = 0; waited < 5000 && !during?.progress; waited += 50) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          during = (await listIngestRuns(database.prisma))[0];
        }
        phase.done();
        return { result: {}, counts: {} };
      });
      expect(during).toMatchObject({ status: "running", alive: true, finishedAt: null });
      expect(during!.progress).toMatch(/^dump: dependencies: 4\/10 rows \(40%\), .* elapsed, ETA /);
      expect(during!.progressAt!.getTime()).toBeGreaterThanOrEqual(during!.startedAt.getTime());
      const [after] = await listIngestRuns(database.prisma);
      expect(after).toMatchObject({ id: during!.id, status: "succeeded", progress: null, progressAt: null, alive: null });
      const [row] = await queryRows(database.db.url, `SELECT progress, progress_at FROM ingest_runs WHERE id = $1`, [during!.id]);
      expect(row).toEqual({ progress: null, progress_at: null });
    });

    it("says when the process of a running run is gone, and the next run records it as interrupted where it was last seen", async () => {
      const killed = await database.prisma.ingestRun.create({
        data: { source: "dump:/srv/z.tar.gz", status: "running", progress: "dump: versions: 70 MB/90 MB (77%)", progressAt: new Date("2026-12-03T10:00:00Z") },
      });
      // An ingest on another database of the same server holds the same key: it says nothing about this one.
      const elsewhere = new pg.Client({ connectionString: inject("postgresAdminUrl")! });
      await elsewhere.connect();
      try {
        await elsewhere.query("SELECT pg_advisory_lock($1)", [INGEST_LOCK_KEY]);
        expect((await listIngestRuns(database.prisma))[0]).toMatchObject({ id: killed.id, status: "running", alive: false, progress: "dump: versions: 70 MB/90 MB (77%)" });
      } finally {
        await elsewhere.end();
      }

      // An ingest process holds the lock exactly as withIngestRun takes it: the run counts as alive.
      const holder = new pg.Client({ connectionString: database.db.url });
      await holder.connect();
      try {
        await holder.query("SELECT pg_try_advisory_lock($1)", [INGEST_LOCK_KEY]);
        expect((await listIngestRuns(database.prisma))[0]).toMatchObject({ id: killed.id, alive: true });
      } finally {
        await holder.end();
      }

      await withIngestRun(database.db.url, { source: "index-sync:dir:/srv/index" }, async () => ({ result: {}, counts: {} }));
      const runs = await listIngestRuns(database.prisma);
      expect(runs.find((r) => r.id === killed.id)).toMatchObject({
        status: "failed",
        alive: null,
        progress: null,
        error: "interrupted: the process ended before the run finished; nothing it staged was kept (last seen at 2026-12-03 10:00:00 UTC: dump: versions: 70 MB/90 MB (77%))",
      });
    });
  });
});
