import type { z } from "zod";

/**
 * A problem with an input file of the ingest (index file, dump CSV, config).
 * Carries the file and line so an operator can open the exact record; `line`
 * is null when the problem concerns the file as a whole.
 */
export class IngestError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(line === null ? `${file}: ${detail}` : `${file}:${line}: ${detail}`, options);
    this.name = "IngestError";
  }
}

/** JSON text parsed, or an IngestError saying where it came from and why it is not JSON. */
export function parseJsonAt(text: string, file: string, line: number | null): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IngestError(file, line, `invalid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** `json` checked against `schema`, or an IngestError naming each bad field and the value found. */
export function checkAt<T>(schema: z.ZodType<T>, json: unknown, file: string, line: number | null): T {
  const result = schema.safeParse(json, { reportInput: true });
  if (!result.success) throw new IngestError(file, line, describeIssues(result.error));
  return result.data;
}

/** `deps[3].kind`-style path of a zod issue; `record` for the value itself. */
function issuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : out === "" ? String(part) : `.${String(part)}`;
  }
  return out === "" ? "record" : out;
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One line naming each bad field and the value found, for IngestError's
 * detail. Parse with `{ reportInput: true }` so the values are available.
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const where = issuePath(issue.path);
      if (issue.code === "invalid_type" && issue.input === undefined) {
        return `${where}: missing (expected ${issue.expected})`;
      }
      const got = issue.input !== undefined ? ` (got ${truncate(JSON.stringify(issue.input) ?? String(issue.input))})` : "";
      return `${where}: ${issue.message}${got}`;
    })
    .join("; ");
}
