const QUOTE = 0x22;
const NEWLINE = 0x0a;

/**
 * Prefixes every CSV record with the physical line it starts on (`17,` + the
 * record), so rows loaded by COPY can still be reported by file and line.
 * Newlines inside quoted fields (READMEs) count as lines but do not end a
 * record; `""` inside quotes toggles twice and so changes nothing. Bytes pass
 * through otherwise untouched.
 */
export async function* numberCsvRecords(chunks: AsyncIterable<Buffer>, firstLine: number): AsyncGenerator<Buffer> {
  let line = firstLine;
  let inQuotes = false;
  let atRecordStart = true;
  for await (const chunk of chunks) {
    const parts: Buffer[] = [];
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (atRecordStart) {
        parts.push(chunk.subarray(from, i), Buffer.from(`${line},`));
        from = i;
        atRecordStart = false;
      }
      const byte = chunk[i];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === NEWLINE) {
        line++;
        if (!inQuotes) atRecordStart = true;
      }
    }
    parts.push(chunk.subarray(from));
    yield Buffer.concat(parts);
  }
}
