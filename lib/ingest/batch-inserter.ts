import type pg from "pg";
import { BatchedWriter } from "./batched-writer";

// Writes each batch with one INSERT ... json_populate_recordset: a single
// parameter whatever the column count, and no per-row round trip. Works the
// same on PostgreSQL and on the embedded PGlite server. One batch per
// connection is in flight while the caller builds the next (see BatchedWriter).
export class BatchInserter<Row extends object> extends BatchedWriter<Row> {
  constructor(client: pg.ClientBase, table: string, batchSize = 2000) {
    super(client, table, batchSize);
  }

  protected write(rows: Row[]): Promise<unknown> {
    return this.client.query(`INSERT INTO ${this.table} SELECT * FROM json_populate_recordset(NULL::${this.table}, $1::json)`, [
      toJson(rows),
    ]);
  }
}

/** JSON of the rows; a replacer (called for every value) only for rows holding a bigint, which JSON.stringify refuses. */
function toJson(rows: object[]): string {
  try {
    return JSON.stringify(rows);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(rows, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  }
}
