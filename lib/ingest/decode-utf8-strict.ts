import { IngestError } from "./ingest-error";

/**
 * Decodes a byte stream as UTF-8, failing on the first invalid sequence with
 * the file and line it sits on (Node's default decoding would silently turn
 * it into U+FFFD and store damaged text).
 */
export async function* decodeUtf8Strict(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let line = 1;
  for await (const chunk of chunks) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch (error) {
      throw new IngestError(file, line + countNewlinesBeforeInvalid(chunk), "invalid UTF-8 byte sequence", { cause: error });
    }
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) line++;
    yield text;
  }
  try {
    const tail = decoder.decode();
    if (tail) yield tail;
  } catch (error) {
    throw new IngestError(file, line, "file ends inside a UTF-8 character", { cause: error });
  }
}

/** The same for bytes already in memory (one index file): the text, or an error naming the line. */
export function decodeUtf8StrictBuffer(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch (error) {
    const chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    throw new IngestError(file, 1 + countNewlinesBeforeInvalid(chunk), "invalid UTF-8 byte sequence", { cause: error });
  }
}

// Newlines of the chunk before its first invalid byte (newline bytes never
// occur inside a valid multi-byte character, so counting raw bytes is exact).
// Only runs once, on the way to an error.
function countNewlinesBeforeInvalid(chunk: Buffer): number {
  // The longest prefix that still decodes; stream mode lets it end mid-character.
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(chunk.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  let newlines = 0;
  for (let i = 0; i < lo; i++) if (chunk[i] === 0x0a) newlines++;
  return newlines;
}
