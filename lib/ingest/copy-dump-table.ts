import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { checkDumpHeader, type DumpTable } from "./dump-rows";
import { rawTableName } from "./dump-raw-tables";
import { IngestError } from "./ingest-error";
import { numberCsvRecords } from "./number-csv-records";

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const HEADER_MAX_BYTES = 64 * 1024;

/**
 * COPYs one dump CSV into raw_<table>: reads the header line, checks it,
 * adds unknown columns as text (kept, never used), then streams the rest of
 * the bytes through numberCsvRecords into COPY ... FROM STDIN. A value
 * PostgreSQL rejects is reported as IngestError(file, line, what was wrong).
 */
export async function copyDumpTable(client: pg.ClientBase, table: DumpTable, entry: AsyncIterable<Buffer>, file: string): Promise<number> {
  const iterator = entry[Symbol.asyncIterator]();
  const { header, rest } = await readHeader(iterator, file);
  checkDumpHeader(table, header, file);
  const raw = rawTableName(table);
  const { rows } = await client.query<{ name: string }>(
    `SELECT attname AS name FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [raw],
  );
  const known = new Set(rows.map((r) => r.name));
  for (const column of header) {
    if (!IDENTIFIER.test(column)) throw new IngestError(file, 1, `header has an unusable column name ${JSON.stringify(column)}`);
    if (column === "line") throw new IngestError(file, 1, `header has a column named "line", which the ingest reserves`);
    if (!known.has(column)) await client.query(`ALTER TABLE ${raw} ADD COLUMN IF NOT EXISTS "${column}" text`);
  }

  const copy = client.query(copyFrom(`COPY ${raw} (line, ${header.map((c) => `"${c}"`).join(", ")}) FROM STDIN WITH (FORMAT csv)`));
  const body = (async function* () {
    if (rest.length > 0) yield rest;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value as Buffer;
  })();
  try {
    await pipeline(Readable.from(numberCsvRecords(body, 2)), copy);
  } catch (error) {
    throw asIngestError(error, table, file);
  }
  return copy.rowCount;
}

async function readHeader(iterator: AsyncIterator<Buffer>, file: string): Promise<{ header: string[]; rest: Buffer }> {
  let buffered = Buffer.alloc(0);
  for (;;) {
    const end = buffered.indexOf(0x0a);
    if (end !== -1) {
      const text = buffered.subarray(0, end).toString("utf8").replace(/^\uFEFF/, "").replace(/\r$/, "");
      const header = text.split(",").map((c) => c.replace(/^"(.*)"$/, "$1"));
      return { header, rest: buffered.subarray(end + 1) };
    }
    if (buffered.length > HEADER_MAX_BYTES) throw new IngestError(file, 1, "header line is longer than 64 KiB");
    const next = await iterator.next();
    if (next.done) {
      if (buffered.length === 0) throw new IngestError(file, null, "file is empty (no header row)");
      buffered = Buffer.concat([buffered, Buffer.from("\n")]);
      continue;
    }
    buffered = Buffer.concat([buffered, next.value as Buffer]);
  }
}

/**
 * PostgreSQL refused a row of a COPY. Its position counts records of the COPY
 * input, which is not the file's line when fields hold newlines, so the ingest
 * re-reads the table with the JavaScript validator to name the exact line
 * (see findBadDumpRow) and falls back to this error when that finds nothing.
 */
export class CopyRejectedError extends IngestError {
  constructor(
    file: string,
    readonly table: DumpTable,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(file, null, detail, options);
  }
}

// `where` reads like: COPY raw_versions, line 4, column yanked: "maybe"
function asIngestError(error: unknown, table: DumpTable, file: string): Error {
  const pgError = error as { message?: string; where?: string };
  if (typeof pgError.where !== "string" || !pgError.where.startsWith("COPY ")) return error as Error;
  const match = /line (\d+)(?:, column (\w+))?/.exec(pgError.where);
  const constraint = /violates check constraint "([^"]+)"/.exec(pgError.message ?? "")?.[1];
  const detail = constraint ?? pgError.message ?? "invalid value";
  const record = match ? `record ${match[1]}${match[2] ? `, column ${match[2]}` : ""}: ` : "";
  return new CopyRejectedError(file, table, `PostgreSQL rejected ${record}${detail}`, { cause: error });
}
