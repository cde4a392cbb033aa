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

/** Marks `write` as the connection's batch in flight (see above); its failure surfaces from the next settleConnection. */
export function sendInFlight(client: pg.ClientBase, write: Promise<unknown>): void {
  write.catch(() => {});
  inFlight.set(client, write);
}

/** Waits for the connection's batch in flight, if any, and throws its error. */
export async function settleConnection(client: pg.ClientBase): Promise<void> {
  const pending = inFlight.get(client);
  if (!pending) return;
  inFlight.delete(client);
  await pending;
}

/** What the stagers write rows through: BatchInserter (any server) or CopyInserter (a real server). */
export interface RowWriter<Row extends object> {
  readonly count: number;
  add(row: Row): Promise<void>;
  /** Writes every buffered row; resolves when the connection has no batch in flight. */
  flush(): Promise<void>;
}

export class BatchInserter<Row extends object> implements RowWriter<Row> {
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

  async flush(): Promise<void> {
    if (this.buffer.length > 0) await this.send();
    await settleConnection(this.client);
  }

  private async send(): Promise<void> {
    await settleConnection(this.client);
    const rows = this.buffer;
    this.buffer = [];
    sendInFlight(
      this.client,
      this.client.query(`INSERT INTO ${this.table} SELECT * FROM json_populate_recordset(NULL::${this.table}, $1::json)`, [toJson(rows)]),
    );
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
