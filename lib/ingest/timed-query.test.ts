import type pg from "pg";
import { describe, expect, it } from "vitest";
import { describeStatement, timedQuery } from "./timed-query";

describe("describeStatement", () => {
  it("names the verb and the table or index a statement writes", () => {
    expect(describeStatement(`INSERT INTO dependencies (id, version_id) SELECT d.line, vm.id FROM st_dump_dep d`)).toBe("INSERT INTO dependencies");
    expect(describeStatement(`UPDATE crates c SET description = NULLIF(s.description, '')`)).toBe("UPDATE crates");
    expect(describeStatement(`DELETE FROM versions v WHERE NOT EXISTS (SELECT 1)`)).toBe("DELETE FROM versions");
    expect(describeStatement(`CREATE TEMP TABLE st_crate_map ON COMMIT DROP AS SELECT 1`)).toBe("CREATE TEMP TABLE st_crate_map");
    expect(describeStatement(`CREATE INDEX dependencies_crate_id_idx ON public.dependencies USING btree (crate_id)`)).toBe(
      "CREATE INDEX dependencies_crate_id_idx",
    );
    expect(describeStatement(`ALTER TABLE "version_downloads" ADD CONSTRAINT "version_downloads_pkey" PRIMARY KEY (version_id, date)`)).toBe(
      "ALTER TABLE version_downloads",
    );
    expect(describeStatement(`  ANALYZE st_version_map`)).toBe("ANALYZE st_version_map");
    expect(describeStatement(`-- Recent downloads, per version first\n  INSERT INTO version_downloads SELECT 1`)).toBe("INSERT INTO version_downloads");
  });

  it("names a statement with WITH clauses by its main verb, past nested parentheses", () => {
    const sql = `WITH vs AS (
        -- One pass over versions: counts (and dates)
        SELECT crate_id, (array_agg(id ORDER BY yanked))[1] AS v FROM versions GROUP BY crate_id
      ), dl AS (SELECT 1)
      UPDATE crates c SET version_count = vs.n FROM vs WHERE c.id = vs.crate_id`;
    expect(describeStatement(sql)).toBe("UPDATE crates");
  });

  it("says nothing of reads, or of a WITH whose main statement is a read", () => {
    expect(describeStatement(`SELECT line, name FROM st_crate`)).toBeNull();
    expect(describeStatement(`WITH gone AS (DELETE FROM crate_verdicts RETURNING 1) SELECT count(*) FROM gone`)).toBeNull();
    expect(describeStatement(`WITH broken AS (SELECT (`)).toBeNull();
  });
});

describe("timedQuery", () => {
  it("tells what each statement does while it runs, and null once it ended, even when it failed", async () => {
    const seen: (string | null)[] = [];
    const client = {
      query: async (sql: string) => {
        seen.push(`running: ${sql}`);
        if (sql.startsWith("UPDATE")) throw new Error("refused");
        return { rows: [] };
      },
    } as unknown as pg.ClientBase;
    const q = timedQuery(client, () => {}, (what) => seen.push(what));
    await q("INSERT INTO crates SELECT 1");
    await expect(q("UPDATE crates SET name = name")).rejects.toThrow("refused");
    await q("SELECT 1");
    expect(seen).toEqual([
      "INSERT INTO crates",
      "running: INSERT INTO crates SELECT 1",
      null,
      "UPDATE crates",
      "running: UPDATE crates SET name = name",
      null,
      null,
      "running: SELECT 1",
      null,
    ]);
  });
});
