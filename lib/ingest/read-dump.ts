import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import { CsvError, parse } from "csv-parse";
import { extract, type Extract } from "tar-stream";
import { z } from "zod";
import { checkDumpHeader, isDumpTable, parseDumpRow, type DumpRow, type DumpTable } from "./dump-rows";
import { decodeUtf8Strict } from "./decode-utf8-strict";
import { checkAt, IngestError, parseJsonAt } from "./ingest-error";
import { openDumpSource, type DumpSource } from "./open-dump-source";

export type { DumpRow, DumpTable } from "./dump-rows";

type Entry = Extract extends AsyncIterable<infer E> ? E : never;

export interface DumpMetadata {
  timestamp: string;
  crates_io_commit?: string;
  /** Written by the exporter until about 2020 (always "0.1"); today's dumps have none. */
  format_version?: string;
}

/**
 * The `format_version` values of metadata.json this ingest reads; a dump
 * without the field (what the exporter writes today) is read too. A dump
 * naming any other version was made by an exporter we have not seen and is
 * refused rather than half-understood. Columns are matched by the CSV headers,
 * so the older column sets of "0.1" dumps are handled (see read-dump.test.ts).
 */
export const SUPPORTED_DUMP_FORMAT_VERSIONS: readonly string[] = ["0.1"];

export interface DumpSummary {
  metadata: DumpMetadata | null;
  /** Rows read per table, for the tables the tarball had. */
  tables: Partial<Record<DumpTable, number>>;
}

/** Where a row came from: `data/<table>.csv` and the physical line its record starts on. */
export interface DumpRowSource {
  file: string;
  line: number;
}

export type DumpRowHandler = (
  table: DumpTable,
  row: DumpRow<DumpTable>,
  where: DumpRowSource,
) => Promise<void> | void;

// The top-level folder is named after the export time (`2024-08-01-020047/`).
const DATA_CSV = /^(?:\.\/)?[^/]+\/data\/([^/]+)\.csv$/;
const METADATA_JSON = /^(?:\.\/)?[^/]+\/metadata\.json$/;
// metadata.json is a few dozen bytes; a cap keeps a corrupt entry from filling memory.
const METADATA_MAX_BYTES = 1 << 20;

const metadataSchema = z.object({
  timestamp: z.string().min(1),
  crates_io_commit: z.string().optional(),
  format_version: z.string().optional(),
});

/**
 * Streams a crates.io db-dump tarball (gzip → tar → CSV), from a file or an
 * https URL (see openDumpSource), and hands every row
 * of the known tables to `onRow`, in tarball order. Memory stays flat however
 * large the dump: each CSV is parsed as it is decompressed and reading waits
 * for `onRow`'s promise, so a slow consumer slows the read instead of
 * buffering. Other entries (import.sql, schema.sql, unknown tables) are
 * skipped. Bad rows raise IngestError(`data/<table>.csv`, line, detail).
 */
export async function readDump(tarball: string, onRow: DumpRowHandler): Promise<DumpSummary> {
  return readDumpEntries(tarball, (table, entry) => readTable(table, entry, onRow));
}

/** Reads one table's CSV entry (header line included) and returns how many rows it held. */
export type DumpTableConsumer = (table: DumpTable, entry: AsyncIterable<Buffer>, file: string) => Promise<number>;

/**
 * Streams the tarball and hands each known table's raw CSV bytes to
 * `consume` (which must read the entry to its end); metadata.json is parsed,
 * everything else is skipped. readDump parses rows in JavaScript on top of
 * this; the COPY path of the ingest sends the bytes to PostgreSQL instead.
 */
export async function readDumpEntries(tarball: string, consume: DumpTableConsumer): Promise<DumpSummary> {
  const source = await openDumpSource(tarball);
  const gunzip = createGunzip();
  const tar = extract();
  // Which stage failed decides the message; pipeline hands every stage the first error.
  let gzipError: Error | null = null;
  let tarError: Error | null = null;
  gunzip.once("error", (error) => (gzipError ??= error));
  tar.once("error", (error: Error) => (tarError ??= error));
  const feeding = pipeline(source.stream, gunzip, tar);
  // A read or gunzip error destroys `tar` and so also ends the loop below with
  // that error; this handler only keeps the duplicate rejection from going unhandled.
  feeding.catch(() => {});

  const tables: Partial<Record<DumpTable, number>> = {};
  let metadata: DumpMetadata | null = null;
  try {
    for await (const entry of tar) {
      const { name, type } = entry.header;
      const table = type === "file" ? DATA_CSV.exec(name)?.[1] : undefined;
      if (table !== undefined && isDumpTable(table)) {
        tables[table] = (tables[table] ?? 0) + (await consume(table, entry as AsyncIterable<Buffer>, `data/${table}.csv`));
      } else if (type === "file" && METADATA_JSON.test(name)) {
        metadata = parseMetadata(await readSmall(entry, METADATA_MAX_BYTES), name.replace(/^\.\//, ""));
      } else {
        await drain(entry);
      }
    }
    await feeding;
  } catch (error) {
    throw describeArchiveError(error, source, gzipError, tarError);
  } finally {
    // pipeline closes the source when `tar` is destroyed; this makes sure a download never outlives the read.
    source.stream.destroy();
  }
  return { metadata, tables };
}

/** A gzip or tar failure as an IngestError naming the dump and the compressed byte it happened near. */
function describeArchiveError(error: unknown, source: DumpSource, gzipError: Error | null, tarError: Error | null): unknown {
  if (error instanceof IngestError || !(error instanceof Error)) return error;
  if (error === gzipError) {
    // Bytes taken from the source so far: exact for a truncation, within one read chunk for corruption.
    const at = source.bytesRead();
    const detail =
      (error as NodeJS.ErrnoException).code === "Z_BUF_ERROR"
        ? `truncated gzip data (${error.message}): the dump ends at byte ${at}, before the end of its compressed stream`
        : `corrupt gzip data (${error.message}) within the first ${at} bytes`;
    return new IngestError(source.name, null, detail, { cause: error });
  }
  if (error === tarError) {
    return new IngestError(source.name, null, `not a valid tar archive inside the gzip data (${error.message}) within the first ${source.bytesRead()} compressed bytes`, { cause: error });
  }
  return error;
}

/**
 * Validates one table of the tarball row by row in JavaScript and throws the
 * first bad row's IngestError (file and exact line); resolves when all rows
 * are valid. Used to explain a row PostgreSQL refused during COPY. It reads
 * the dump again from the start, so for a URL the tarball is downloaded a
 * second time (up to the bad table): a cost paid only on a failing run.
 */
export async function findBadDumpRow(tarball: string, target: DumpTable): Promise<void> {
  await readDumpEntries(tarball, async (table, entry) => {
    if (table !== target) {
      await drain(entry);
      return 0;
    }
    return readTable(table, entry, () => {});
  });
}

async function drain(entry: AsyncIterable<unknown>): Promise<void> {
  for await (const chunk of entry) void chunk;
}

async function readSmall(entry: Entry, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of entry as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new IngestError("metadata.json", null, `larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function parseMetadata(text: string, entryName: string): DumpMetadata {
  const json = parseJsonAt(text, "metadata.json", null);
  // Checked before the other fields: a dump of an unknown format may differ anywhere.
  const version = typeof json === "object" && json !== null ? (json as Record<string, unknown>).format_version : undefined;
  if (version !== undefined && !(typeof version === "string" && SUPPORTED_DUMP_FORMAT_VERSIONS.includes(version))) {
    const known = SUPPORTED_DUMP_FORMAT_VERSIONS.map((v) => JSON.stringify(v)).join(", ");
    throw new IngestError(
      entryName,
      null,
      `unknown dump format_version ${JSON.stringify(version)}; this ingest reads format_version ${known} or dumps without one`,
    );
  }
  return checkAt(metadataSchema, json, "metadata.json", null);
}

/** Physical lines a record spans beyond its first: newlines inside quoted fields (READMEs). */
function extraLines(record: string[]): number {
  let extra = 0;
  for (const field of record) {
    for (let i = field.indexOf("\n"); i !== -1; i = field.indexOf("\n", i + 1)) extra++;
  }
  return extra;
}

async function readTable(table: DumpTable, entry: AsyncIterable<Buffer>, onRow: DumpRowHandler): Promise<number> {
  const file = `data/${table}.csv`;
  // Postgres `COPY ... CSV HEADER` output: comma, double quotes, "" escapes,
  // newlines inside quoted fields (READMEs). Every record must have as many
  // fields as the header, which csv-parse enforces. Blank lines are not
  // skipped: in a one-column table a blank line is a NULL, and the row
  // schema then reports it at its line.
  const parser = parse({ bom: true });
  const feeding = pipeline(Readable.from(decodeUtf8Strict(entry, file)), parser);
  feeding.catch(() => {});

  let header: string[] | null = null;
  let rows = 0;
  // Line numbers are counted here rather than with csv-parse's `info`
  // option, which costs several times the parse itself on big tables. Dumps
  // end records with LF only, so a record starts one line after the last
  // one ended.
  let nextLine = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine += 1 + extraLines(record);
      if (header === null) {
        header = record;
        checkDumpHeader(table, header, file);
        continue;
      }
      const fields: Record<string, string> = {};
      for (let i = 0; i < header.length; i++) fields[header[i]!] = record[i]!;
      const row = parseDumpRow(table, fields, file, line);
      // Most consumers are synchronous until a batch fills; skip the
      // microtask then.
      const pending = onRow(table, row, { file, line });
      if (pending) await pending;
      rows++;
    }
    await feeding;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      throw new IngestError(file, typeof line === "number" ? line : null, `malformed CSV: ${error.message}`, { cause: error });
    }
    throw error;
  }
  if (header === null) throw new IngestError(file, null, "file is empty (no header row)");
  return rows;
}
