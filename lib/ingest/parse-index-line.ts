import { z } from "zod";
import { checkAt, parseJsonAt } from "./ingest-error";
import { isValidCrateName } from "./index-path";

export type DependencyKind = "normal" | "build" | "dev";

export interface IndexDependency {
  /** Real crate name: `package` when the dependency was renamed, else `name`. */
  name: string;
  /** The local name in the depending manifest when renamed (`package` present), else null. */
  explicitName: string | null;
  req: string;
  optional: boolean;
  defaultFeatures: boolean;
  features: string[];
  target: string | null;
  kind: DependencyKind;
  registry: string | null;
}

export interface IndexVersion {
  name: string;
  vers: string;
  deps: IndexDependency[];
  cksum: string;
  /** `features` ∪ `features2`. */
  features: Record<string, string[]>;
  yanked: boolean;
  links: string | null;
  rustVersion: string | null;
  pubtime: Date | null;
  /** Line schema version; 1 when absent. */
  v: number;
}

// Lines from 2014-2015 carry `"features": [""]`; the empty string means nothing.
const featureList = z.array(z.string()).transform((list) => list.filter((item) => item !== ""));

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function parseRfc3339(text: string): Date | null {
  const match = RFC3339.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  // Date rolls impossible dates over (Feb 30 → Mar 1) instead of failing, so
  // check the fields against a UTC date built from them.
  const fields = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  if (fields.getUTCMonth() !== month! - 1 || fields.getUTCDate() !== day! || hour! > 23 || minute! > 59 || second! > 59) return null;
  const date = new Date(text.toUpperCase());
  return Number.isNaN(date.getTime()) ? null : date;
}

const pubtime = z.string().transform((text, ctx) => {
  const date = parseRfc3339(text);
  if (date === null) {
    ctx.addIssue({ code: "custom", message: "expected an RFC 3339 timestamp", input: text });
    return z.NEVER;
  }
  return date;
});

export const indexDependencySchema = z
  .object({
    name: z.string().min(1),
    req: z.string().min(1),
    features: featureList.nullish(),
    optional: z.boolean().nullish(),
    default_features: z.boolean().nullish(),
    target: z.string().nullish(),
    kind: z.enum(["normal", "build", "dev"]).nullish(),
    registry: z.string().nullish(),
    package: z.string().min(1).nullish(),
  })
  .transform(
    (dep): IndexDependency => ({
      name: dep.package ?? dep.name,
      explicitName: dep.package != null ? dep.name : null,
      req: dep.req,
      optional: dep.optional ?? false,
      defaultFeatures: dep.default_features ?? true,
      features: dep.features ?? [],
      target: dep.target ?? null,
      kind: dep.kind ?? "normal",
      registry: dep.registry ?? null,
    }),
  );

const featureTable = z.record(z.string(), featureList);

export const indexLineSchema = z
  .object({
    name: z.string().refine(isValidCrateName, "not a valid crate name"),
    vers: z.string().min(1),
    deps: z.array(indexDependencySchema),
    cksum: z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex characters"),
    features: featureTable,
    features2: featureTable.nullish(),
    yanked: z.boolean().nullish(),
    links: z.string().nullish(),
    rust_version: z.string().nullish(),
    pubtime: pubtime.nullish(),
    v: z.number().int().min(1).nullish(),
  })
  .transform(
    (line): IndexVersion => ({
      name: line.name,
      vers: line.vers,
      deps: line.deps,
      cksum: line.cksum,
      features: mergeFeatures(line.features, line.features2 ?? {}),
      yanked: line.yanked ?? false,
      links: line.links ?? null,
      rustVersion: line.rust_version ?? null,
      pubtime: line.pubtime ?? null,
      v: line.v ?? 1,
    }),
  );

// `features2` only exists so old Cargo versions can skip syntax they do not
// understand; the crate's real feature table is both maps together.
function mergeFeatures(
  features: Record<string, string[]>,
  features2: Record<string, string[]>,
): Record<string, string[]> {
  const merged: Record<string, string[]> = { ...features };
  for (const [feature, enables] of Object.entries(features2)) {
    const existing = merged[feature];
    merged[feature] = existing ? [...new Set([...existing, ...enables])] : enables;
  }
  return merged;
}

/** One JSON line of an index file; throws IngestError naming the bad field. */
export function parseIndexLine(text: string, file: string, line: number): IndexVersion {
  const json = parseJsonAt(text, file, line);
  return readWellFormedLine(json) ?? checkAt(indexLineSchema, json, file, line);
}

// The fast path. Validating with zod cost as much as JSON.parse itself over a
// whole index (millions of dependency objects), so lines are first read by
// hand; anything this reader is not sure of (a wrong type, a missing field, a
// `__proto__` key...) returns null and goes through indexLineSchema, which
// decides and names what is wrong. It must never accept what the schema
// rejects, and must return what the schema would: parse-index-line.test.ts
// compares the two on every fixture line and on broken variants.

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isNullish = (value: unknown): value is null | undefined => value === null || value === undefined;
const optionalString = (value: unknown) => isNullish(value) || typeof value === "string";
const optionalBoolean = (value: unknown) => isNullish(value) || typeof value === "boolean";
const CHECKSUM = /^[0-9a-f]{64}$/;

/** A list of strings without the empty ones, or null when it is not a list of strings. */
function readFeatureList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  for (const item of value) if (typeof item !== "string") return null;
  return value.includes("") ? value.filter((item) => item !== "") : value;
}

function readFeatureTable(value: unknown): Record<string, string[]> | null {
  if (!isObject(value)) return null;
  const table: Record<string, string[]> = {};
  for (const key of Object.keys(value)) {
    if (key === "__proto__") return null;
    const list = readFeatureList(value[key]);
    if (list === null) return null;
    table[key] = list;
  }
  return table;
}

function readDependency(dep: unknown): IndexDependency | null {
  if (!isObject(dep)) return null;
  const { name, req, features, optional, default_features, target, kind, registry, package: pkg } = dep;
  if (typeof name !== "string" || name === "" || typeof req !== "string" || req === "") return null;
  if (!optionalBoolean(optional) || !optionalBoolean(default_features) || !optionalString(target) || !optionalString(registry)) return null;
  if (!isNullish(kind) && kind !== "normal" && kind !== "build" && kind !== "dev") return null;
  if (!isNullish(pkg) && (typeof pkg !== "string" || pkg === "")) return null;
  const featureList = isNullish(features) ? [] : readFeatureList(features);
  if (featureList === null) return null;
  return {
    name: (pkg as string | null | undefined) ?? name,
    explicitName: isNullish(pkg) ? null : name,
    req,
    optional: (optional as boolean | null | undefined) ?? false,
    defaultFeatures: (default_features as boolean | null | undefined) ?? true,
    features: featureList,
    target: (target as string | null | undefined) ?? null,
    kind: (kind as DependencyKind | null | undefined) ?? "normal",
    registry: (registry as string | null | undefined) ?? null,
  };
}

/** A line the schema would accept, read without it; null when unsure. */
export function readWellFormedLine(json: unknown): IndexVersion | null {
  if (!isObject(json)) return null;
  const { name, vers, deps, cksum, features, features2, yanked, links, rust_version, pubtime: published, v } = json;
  if (typeof name !== "string" || !isValidCrateName(name) || typeof vers !== "string" || vers === "") return null;
  if (typeof cksum !== "string" || !CHECKSUM.test(cksum) || !Array.isArray(deps)) return null;
  if (!optionalBoolean(yanked) || !optionalString(links) || !optionalString(rust_version)) return null;
  if (!isNullish(v) && !(typeof v === "number" && Number.isSafeInteger(v) && v >= 1)) return null;
  let publishedAt: Date | null = null;
  if (!isNullish(published)) {
    if (typeof published !== "string") return null;
    publishedAt = parseRfc3339(published);
    if (publishedAt === null) return null;
  }
  const table = readFeatureTable(features);
  const table2 = isNullish(features2) ? {} : readFeatureTable(features2);
  if (table === null || table2 === null) return null;
  const dependencies: IndexDependency[] = [];
  for (const dep of deps) {
    const read = readDependency(dep);
    if (read === null) return null;
    dependencies.push(read);
  }
  return {
    name,
    vers,
    deps: dependencies,
    cksum,
    features: mergeFeatures(table, table2),
    yanked: (yanked as boolean | null | undefined) ?? false,
    links: (links as string | null | undefined) ?? null,
    rustVersion: (rust_version as string | null | undefined) ?? null,
    pubtime: publishedAt,
    v: (v as number | null | undefined) ?? 1,
  };
}
