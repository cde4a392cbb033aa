import { z } from "zod";
import { describeIssues, IngestError } from "./ingest-error";

/**
 * Typed rows of the crates.io database dump (see docs/DB-DUMP-FORMAT.md).
 * Field names are the CSV column names, so a row reads like the dump's
 * documentation; values are converted from Postgres `COPY ... CSV` text:
 * ints and bigints → number, `t`/`f` → boolean, timestamps → Date (UTC),
 * `{a,b}` arrays → string[], JSON → objects, and empty strings → null in
 * nullable columns. Columns added or removed over the dump's history are
 * optional and read as null (or the stated default) when absent.
 */

export const DUMP_TABLES = [
  "crates",
  "crate_downloads",
  "versions",
  "default_versions",
  "dependencies",
  "version_downloads",
  "categories",
  "crates_categories",
  "keywords",
  "crates_keywords",
  "crate_owners",
  "users",
  "teams",
  "metadata",
  "reserved_crate_names",
] as const;

export type DumpTable = (typeof DUMP_TABLES)[number];

export function isDumpTable(name: string): name is DumpTable {
  return (DUMP_TABLES as readonly string[]).includes(name);
}

// ---------------------------------------------------------------------------
// Postgres array literals

/**
 * Parses the one-dimensional text form Postgres writes for arrays:
 * `{a,b,"c d","say \"hi\"",NULL}`. Quoted elements may contain anything
 * (backslash escapes `"` and `\`); unquoted ones are trimmed, and an unquoted
 * NULL (any case) is SQL NULL while `"NULL"` is the string.
 */
export function parsePgArray(text: string): (string | null)[] {
  if (!text.startsWith("{") || !text.endsWith("}")) throw new Error("expected a {...} array literal");
  const out: (string | null)[] = [];
  const end = text.length - 1;
  let i = 1;
  const skipSpace = () => {
    while (i < end && /\s/.test(text[i]!)) i++;
  };
  skipSpace();
  if (i === end) return out;
  for (;;) {
    skipSpace();
    const ch = text[i];
    if (ch === "{") throw new Error("multi-dimensional arrays are not supported");
    if (ch === '"') {
      let value = "";
      i++;
      for (;;) {
        if (i >= end) throw new Error("unterminated quoted element");
        const c = text[i]!;
        if (c === "\\") {
          if (i + 1 >= end) throw new Error("dangling backslash");
          value += text[i + 1];
          i += 2;
        } else if (c === '"') {
          i++;
          break;
        } else {
          value += c;
          i++;
        }
      }
      out.push(value);
      skipSpace();
    } else {
      let value = "";
      let escaped = false;
      while (i < end && text[i] !== "," && text[i] !== "}") {
        const c = text[i]!;
        if (c === '"' || c === "{") throw new Error(`unexpected ${c} inside an unquoted element`);
        if (c === "\\") {
          if (i + 1 >= end) throw new Error("dangling backslash");
          value += text[i + 1];
          escaped = true;
          i += 2;
        } else {
          value += c;
          i++;
        }
      }
      // Postgres ignores whitespace around unquoted elements.
      value = value.replace(/^\s+|\s+$/g, "");
      if (value === "" && !escaped) throw new Error("empty unquoted element");
      out.push(!escaped && value.toUpperCase() === "NULL" ? null : value);
    }
    if (i === end) return out;
    if (text[i] !== ",") throw new Error(`expected , or } at offset ${i}`);
    i++;
  }
}

// ---------------------------------------------------------------------------
// Column types: each takes the CSV text of one field.

type Ctx = z.RefinementCtx<string>;

function fail(ctx: Ctx, input: string, message: string): never {
  ctx.addIssue({ code: "custom", message, input });
  return z.NEVER as never;
}

function integer(text: string, ctx: Ctx): number {
  if (!/^-?\d+$/.test(text)) return fail(ctx, text, "expected an integer");
  const value = Number(text);
  // Downloads are bigint in Postgres; the registry total is ~1e11, far below
  // 2^53, so a number is exact. Anything larger is a corrupt field.
  if (!Number.isSafeInteger(value)) return fail(ctx, text, "integer out of range");
  return value;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validCalendar(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 && !leap ? 28 : DAYS_IN_MONTH[month - 1]!);
}

const PG_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Postgres timestamp text; without a zone it is UTC (crates.io stores UTC). */
export function parsePgTimestamp(text: string): Date | null {
  const m = PG_TIMESTAMP.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = "", zone = "Z"] = m;
  if (!validCalendar(Number(y), Number(mo), Number(d))) return null;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return null;
  let offset = zone;
  if (zone !== "Z") {
    const digits = zone.slice(1).replace(":", "");
    offset = `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4).padEnd(2, "0")}`;
  }
  const ms = frac.padEnd(3, "0").slice(0, 3);
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

const col = {
  text: z.string(),
  nonEmpty: z.string().min(1, "must not be empty"),
  nullableText: z.string().transform((text) => (text === "" ? null : text)),
  int: z.string().transform(integer),
  nullableInt: z.string().transform((text, ctx) => (text === "" ? null : integer(text, ctx))),
  bool: z.string().transform((text, ctx) => (text === "t" ? true : text === "f" ? false : fail(ctx, text, "expected t or f"))),
  nullableBool: z
    .string()
    .transform((text, ctx) => (text === "" ? null : text === "t" ? true : text === "f" ? false : fail(ctx, text, "expected t, f or empty"))),
  timestamp: z.string().transform((text, ctx) => parsePgTimestamp(text) ?? fail(ctx, text, "expected a timestamp")),
  nullableTimestamp: z
    .string()
    .transform((text, ctx) => (text === "" ? null : (parsePgTimestamp(text) ?? fail(ctx, text, "expected a timestamp")))),
  date: z.string().transform((text, ctx) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m || !validCalendar(Number(m[1]), Number(m[2]), Number(m[3]))) return fail(ctx, text, "expected a YYYY-MM-DD date");
    return new Date(`${text}T00:00:00Z`);
  }),
  textArray: z.string().transform((text, ctx): string[] => {
    let items: (string | null)[];
    try {
      items = parsePgArray(text);
    } catch (error) {
      return fail(ctx, text, `bad array literal: ${(error as Error).message}`);
    }
    if (items.includes(null)) return fail(ctx, text, "array has a NULL element");
    return items as string[];
  }),
  nullableTextArray: z.string().transform((text, ctx): string[] | null => {
    if (text === "") return null;
    try {
      const items = parsePgArray(text);
      if (items.includes(null)) return fail(ctx, text, "array has a NULL element");
      return items as string[];
    } catch (error) {
      return fail(ctx, text, `bad array literal: ${(error as Error).message}`);
    }
  }),
  features: z
    .string()
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text);
      } catch {
        return fail(ctx, text, "expected JSON");
      }
    })
    .pipe(z.record(z.string(), z.array(z.string()))),
  checksum: z
    .string()
    .transform((text, ctx) => (text === "" ? null : /^[0-9a-f]{64}$/.test(text) ? text : fail(ctx, text, "expected 64 lower-case hex characters"))),
  dependencyKind: z.string().transform((text, ctx) => {
    const kind = ({ "0": "normal", "1": "build", "2": "dev" } as const)[text];
    return kind ?? fail(ctx, text, "expected 0 (normal), 1 (build) or 2 (dev)");
  }),
  ownerKind: z.string().transform((text, ctx) => {
    const kind = ({ "0": "user", "1": "team" } as const)[text];
    return kind ?? fail(ctx, text, "expected 0 (user) or 1 (team)");
  }),
  /** `target` is written as '' when unconditional; null reads like the index. */
  target: z.string().transform((text) => (text === "" ? null : text)),
};

/** A column some dumps lack: absent reads as `fallback`. */
function absent<S extends z.ZodType<unknown, string>, F>(schema: S, fallback: F) {
  return schema.optional().transform((value): z.output<S> | F => (value === undefined ? fallback : (value as z.output<S>)));
}

function table<R extends z.ZodRawShape, O extends z.ZodRawShape>(required: R, optional: O) {
  return { required: Object.keys(required), schema: z.object({ ...required, ...optional }) };
}

// ---------------------------------------------------------------------------
// Tables

const crates = table(
  { id: col.int, name: col.nonEmpty, created_at: col.timestamp, updated_at: col.timestamp },
  {
    description: absent(col.nullableText, null),
    homepage: absent(col.nullableText, null),
    documentation: absent(col.nullableText, null),
    repository: absent(col.nullableText, null),
    readme: absent(col.nullableText, null),
    max_upload_size: absent(col.nullableInt, null),
    max_features: absent(col.nullableInt, null),
    /** Only in older dumps; newer ones have crate_downloads.csv instead. */
    downloads: absent(col.nullableInt, null),
  },
);

const crateDownloads = table({ crate_id: col.int, downloads: col.int }, {});

const versionsTable = table(
  {
    id: col.int,
    crate_id: col.int,
    num: col.nonEmpty,
    created_at: col.timestamp,
    updated_at: col.timestamp,
    downloads: col.int,
    features: col.features,
    yanked: col.bool,
    checksum: col.checksum,
  },
  {
    num_no_build: absent(col.nullableText, null),
    license: absent(col.nullableText, null),
    crate_size: absent(col.nullableInt, null),
    published_by: absent(col.nullableInt, null),
    links: absent(col.nullableText, null),
    rust_version: absent(col.nullableText, null),
    has_lib: absent(col.nullableBool, null),
    bin_names: absent(col.nullableTextArray, null),
    edition: absent(col.nullableText, null),
    description: absent(col.nullableText, null),
    homepage: absent(col.nullableText, null),
    documentation: absent(col.nullableText, null),
    repository: absent(col.nullableText, null),
    categories: absent(col.textArray, [] as string[]),
    keywords: absent(col.textArray, [] as string[]),
  },
);
const versions = {
  required: versionsTable.required,
  // Older dumps have no num_no_build; it is num without +build metadata.
  schema: versionsTable.schema.transform((row) => ({ ...row, num_no_build: row.num_no_build ?? row.num.replace(/\+.*$/s, "") })),
};

const defaultVersions = table({ crate_id: col.int, version_id: col.int }, { num_versions: absent(col.nullableInt, null) });

const dependencies = table(
  {
    id: col.int,
    version_id: col.int,
    crate_id: col.int,
    req: col.text,
    optional: col.bool,
    default_features: col.bool,
    features: col.textArray,
    target: col.target,
    kind: col.dependencyKind,
  },
  { explicit_name: absent(col.nullableText, null) },
);

const versionDownloads = table({ version_id: col.int, downloads: col.int, date: col.date }, {});

const categories = table(
  { id: col.int, category: col.nonEmpty, slug: col.nonEmpty },
  {
    description: absent(col.text, ""),
    crates_cnt: absent(col.nullableInt, null),
    created_at: absent(col.nullableTimestamp, null),
    path: absent(col.nullableText, null),
  },
);

const cratesCategories = table({ crate_id: col.int, category_id: col.int }, {});

const keywords = table(
  { id: col.int, keyword: col.nonEmpty },
  { crates_cnt: absent(col.nullableInt, null), created_at: absent(col.nullableTimestamp, null) },
);

const cratesKeywords = table({ crate_id: col.int, keyword_id: col.int }, {});

const crateOwners = table(
  { crate_id: col.int, owner_id: col.int, owner_kind: col.ownerKind },
  { created_at: absent(col.nullableTimestamp, null), created_by: absent(col.nullableInt, null) },
);

const users = table(
  { id: col.int, gh_login: col.nonEmpty },
  { name: absent(col.nullableText, null), gh_avatar: absent(col.nullableText, null), gh_id: absent(col.nullableInt, null) },
);

const teams = table(
  { id: col.int, login: col.nonEmpty },
  {
    github_id: absent(col.nullableInt, null),
    name: absent(col.nullableText, null),
    avatar: absent(col.nullableText, null),
    org_id: absent(col.nullableInt, null),
  },
);

const metadata = table({ total_downloads: col.int }, {});

const reservedCrateNames = table({ name: col.nonEmpty }, {});

export const dumpRowSchemas = {
  crates,
  crate_downloads: crateDownloads,
  versions,
  default_versions: defaultVersions,
  dependencies,
  version_downloads: versionDownloads,
  categories,
  crates_categories: cratesCategories,
  keywords,
  crates_keywords: cratesKeywords,
  crate_owners: crateOwners,
  users,
  teams,
  metadata,
  reserved_crate_names: reservedCrateNames,
} satisfies Record<DumpTable, { required: string[]; schema: z.ZodType<unknown, Record<string, string>> }>;

export type DumpRow<T extends DumpTable> = z.output<(typeof dumpRowSchemas)[T]["schema"]>;

export type CrateRow = DumpRow<"crates">;
export type CrateDownloadsRow = DumpRow<"crate_downloads">;
export type VersionRow = DumpRow<"versions">;
export type DefaultVersionRow = DumpRow<"default_versions">;
export type DependencyRow = DumpRow<"dependencies">;
export type VersionDownloadsRow = DumpRow<"version_downloads">;
export type CategoryRow = DumpRow<"categories">;
export type CrateCategoryRow = DumpRow<"crates_categories">;
export type KeywordRow = DumpRow<"keywords">;
export type CrateKeywordRow = DumpRow<"crates_keywords">;
export type CrateOwnerRow = DumpRow<"crate_owners">;
export type UserRow = DumpRow<"users">;
export type TeamRow = DumpRow<"teams">;
export type MetadataRow = DumpRow<"metadata">;
export type ReservedCrateNameRow = DumpRow<"reserved_crate_names">;

/** Throws IngestError on line 1 when the header lacks a column the table needs. */
export function checkDumpHeader(table: DumpTable, header: readonly string[], file: string): void {
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) throw new IngestError(file, 1, `column "${column}" appears twice in the header`);
    seen.add(column);
  }
  const missing = dumpRowSchemas[table].required.filter((column) => !seen.has(column));
  if (missing.length > 0) {
    throw new IngestError(file, 1, `header lacks required column(s) ${missing.map((c) => `"${c}"`).join(", ")}`);
  }
}

/** One CSV record (header name → field text) as a typed row; unknown columns are dropped. */
export function parseDumpRow<T extends DumpTable>(table: T, fields: Record<string, string>, file: string, line: number): DumpRow<T> {
  const result = dumpRowSchemas[table].schema.safeParse(fields, { reportInput: true });
  if (!result.success) throw new IngestError(file, line, describeIssues(result.error));
  return result.data as DumpRow<T>;
}
