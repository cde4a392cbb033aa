import type pg from "pg";

// What the stagers write rows through: rows are buffered and written a batch
// at a time by the subclass (BatchInserter: INSERT of JSON, any server;
// CopyInserter: COPY, a real server).
//
// A full batch is sent without waiting for it: PostgreSQL writes it while the
// caller parses the next rows. At most one batch per connection is in flight
// (whichever writer sent it), and the next send or flush on that connection
// waits for it first, so a failed batch's own error is the one reported, not
// "current transaction is aborted" from a batch sent after it.
const inFlight = new WeakMap<pg.ClientBase, Promise<unknown>>();

export abstract class BatchedWriter<Row extends object> {
  private buffer: Row[] = [];
  count = 0;

  constructor(
    protected readonly client: pg.ClientBase,
    protected readonly table: string,
    private readonly batchSize: number,
  ) {}

  async add(row: Row): Promise<void> {
    this.buffer.push(row);
    this.count++;
    if (this.buffer.length >= this.batchSize) await this.send();
  }

  /** Writes every buffered row; resolves when the connection has no batch in flight. */
  async flush(): Promise<void> {
    if (this.buffer.length > 0) await this.send();
    await settle(this.client);
  }

  /** Starts writing one batch on `client`; the promise settles when the server has it. */
  protected abstract write(rows: Row[]): Promise<unknown>;

  private async send(): Promise<void> {
    await settle(this.client);
    const rows = this.buffer;
    this.buffer = [];
    const write = this.write(rows);
    // Rejections surface from the next settle(); until then the promise must not count as unhandled.
    write.catch(() => {});
    inFlight.set(this.client, write);
  }
}

/** Waits for the connection's batch in flight, if any, and throws its error. */
async function settle(client: pg.ClientBase): Promise<void> {
  const pending = inFlight.get(client);
  if (!pending) return;
  inFlight.delete(client);
  await pending;
}
