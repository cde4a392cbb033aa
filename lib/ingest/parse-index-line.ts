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
  return checkAt(indexLineSchema, parseJsonAt(text, file, line), file, line);
}
