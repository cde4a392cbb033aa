import type pg from "pg";

// Buffers rows and writes them with one INSERT ... json_populate_recordset per
// batch: a single parameter whatever the column count, and no per-row round trip.
// Works the same on PostgreSQL and on the embedded PGlite server.
export class BatchInserter<Row extends object> {
  private buffer: Row[] = [];
  count = 0;

  constructor(
    private readonly client: pg.ClientBase,
    private readonly table: string,
    private readonly batchSize = 2000,
  ) {}

  async add(row: Row): Promise<void> {
    this.buffer.push(row);
    this.count++;
    if (this.buffer.length >= this.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    await this.client.query(
      `INSERT INTO ${this.table} SELECT * FROM json_populate_recordset(NULL::${this.table}, $1::json)`,
      [JSON.stringify(rows, jsonReplacer)],
    );
  }
}

function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === "bigint" ? value.toString() : value;
}
