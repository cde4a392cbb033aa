import { z } from "zod";

// Server configuration, validated once. Modules shared with the command-line
// tools import this too, so it must not import "server-only".

/** An empty variable (`MEILI_URL=` in an env file) means unset. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

// Search settings are read on their own too (getSearchEnv): the worker's
// search hook needs them where DATABASE_URL may come from elsewhere.
const searchEnvSchema = z.object({
  /** Meilisearch server; unset means search runs on PostgreSQL alone (see lib/search/meilisearch). */
  MEILI_URL: optional(
    z.url({ protocol: /^https?$/, error: "MEILI_URL must be an http:// or https:// URL, e.g. http://127.0.0.1:7700" }),
  ),
  /** Meilisearch API key (the master key, or a key allowed to search, add documents and manage indexes). */
  MEILI_API_KEY: optional(z.string()),
  /** How long identical searches reuse one answer (lib/search/with-cache.ts); 0 turns the cache off. */
  SEARCH_CACHE_TTL_MS: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(3_600_000).default(60_000)),
});

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .min(1, "DATABASE_URL is not set: point it at PostgreSQL, or start the site with `npm run demo`")
    .refine((v) => /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgres:// or postgresql:// URL"),
  /** Connections per process. The embedded database (PGlite) serves exactly one. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  ...searchEnvSchema.shape,
});

export type Env = z.infer<typeof envSchema>;
export type SearchEnv = z.infer<typeof searchEnvSchema>;

let cached: Env | undefined;
let cachedSearch: SearchEnv | undefined;

export function getEnv(): Env {
  cached ??= parse(envSchema);
  return cached;
}

export function getSearchEnv(): SearchEnv {
  cachedSearch ??= parse(searchEnvSchema);
  return cachedSearch;
}

function parse<T extends z.ZodType>(schema: T): z.infer<T> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
