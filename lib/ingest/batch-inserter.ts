import type pg from "pg";

// Buffers rows and writes them with one INSERT ... json_populate_recordset per
// batch: a single parameter whatever the column count, and no per-row round trip.
// Works the same on PostgreSQL and on the embedded PGlite server.
//
// A full batch is sent without waiting for it: PostgreSQL inserts it while the
// caller parses the next rows. At most one batch per connection is in flight
// (whichever inserter sent it), and the next send or flush on that connection
// waits for it first, so a failed batch's own error is the one reported, not
// "current transaction is aborted" from a batch sent after it.
const inFlight = new WeakMap<pg.ClientBase, Promise<unknown>>();

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
    if (this.buffer.length >= this.batchSize) await this.send();
  }

  /** Writes every buffered row; resolves when the connection has no batch in flight. */
  async flush(): Promise<void> {
    if (this.buffer.length > 0) await this.send();
    await this.settle();
  }

  private async send(): Promise<void> {
    await this.settle();
    const rows = this.buffer;
    this.buffer = [];
    const insert = this.client.query(
      `INSERT INTO ${this.table} SELECT * FROM json_populate_recordset(NULL::${this.table}, $1::json)`,
      [toJson(rows)],
    );
    // Rejections surface from settle(); until then the promise must not count as unhandled.
    insert.catch(() => {});
    inFlight.set(this.client, insert);
  }

  private async settle(): Promise<void> {
    const pending = inFlight.get(this.client);
    if (!pending) return;
    inFlight.delete(this.client);
    await pending;
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
