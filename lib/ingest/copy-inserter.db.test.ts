import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/test-database";
import { BatchInserter } from "./batch-inserter";
import { CopyInserter } from "./copy-inserter";

// CopyInserter must store exactly what BatchInserter (JSON) stores, for every
// value the stagers hand it, however awkward.

const COLUMNS = ["t", "a", "j", "b", "n", "d", "k", "x"] as const;
type Row = Partial<Record<(typeof COLUMNS)[number], unknown>>;

const AWKWARD = ["", "plain", "tab\there", "new\nline", "cr\rlf", "back\\slash", '"quoted"', "\\N", "{braces}", "a,b", "NULL", "é ü 漢字 🦀", "\u200f rtl"];

function rows(): Row[] {
  const out: Row[] = [];
  for (const [i, text] of AWKWARD.entries()) {
    out.push({
      t: text,
      a: [text, "x", ...(i % 2 ? [""] : [])],
      j: { [text]: [text, "y"], nested: { n: i } },
      b: i % 2 === 0,
      n: i,
      d: new Date(Date.UTC(2020, 1, 29, 12, 0, i, 5)),
      k: (["normal", "build", "dev"] as const)[i % 3],
      x: 1733212345678.125 + i,
    });
  }
  out.push({ t: null, a: [], j: {}, b: null, n: null, d: null, k: null, x: null });
  out.push({ t: "only t" });
  return out;
}

describe("CopyInserter", () => {
  let db: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase({ seeded: false });
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
    for (const table of ["by_copy", "by_json"]) {
      await client.query(`CREATE TABLE ${table} (t text, a text[], j jsonb, b boolean, n int, d timestamptz, k "DependencyKind", x double precision)`);
    }
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it("stores every awkward value exactly as the JSON batch insert does", async () => {
    const copy = new CopyInserter<Row>(client, "by_copy", COLUMNS, 3);
    const json = new BatchInserter<Row>(client, "by_json", 3);
    for (const row of rows()) {
      await copy.add(row);
      await json.add(row);
    }
    await copy.flush();
    await json.flush();
    expect(copy.count).toBe(rows().length);
    const read = async (table: string) =>
      (await client.query(`SELECT t, a, j, b, n, d, k, x FROM ${table} ORDER BY n NULLS LAST, t NULLS LAST`)).rows;
    const byCopy = await read("by_copy");
    expect(byCopy).toHaveLength(rows().length);
    expect(byCopy).toEqual(await read("by_json"));
    expect(byCopy.map((r) => r.t)).toEqual(expect.arrayContaining(AWKWARD));
    expect(byCopy.find((r) => r.t === "tab\there")).toMatchObject({ a: ["tab\there", "x"], j: { "tab\there": ["tab\there", "y"] } });
  });

  it("reports the server's refusal of a batch from flush", async () => {
    await client.query("BEGIN");
    try {
      const copy = new CopyInserter<Row>(client, "by_copy", COLUMNS);
      await copy.add({ t: "bad kind", k: "weird" });
      await expect(copy.flush()).rejects.toThrow(/DependencyKind/);
    } finally {
      await client.query("ROLLBACK");
    }
  });
});
