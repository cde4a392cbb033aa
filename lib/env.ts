import { z } from "zod";

// Server configuration, validated once. Modules shared with the command-line
// tools import this too, so it must not import "server-only".

/** An empty variable (`MEILI_URL=` in an env file) means unset: `schema` then sees undefined (its default, if it has one). */
const emptyAsUnset = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema);
const optional = <T extends z.ZodType>(schema: T) => emptyAsUnset(schema.optional());

// Search settings are read on their own too (getSearchEnv): the worker's
// search hook needs them where DATABASE_URL may come from elsewhere.
const searchEnvSchema = z.object({
  /** Meilisearch server; unset means search runs on PostgreSQL alone (see lib/search/meilisearch). */
  MEILI_URL: optional(
    z.url({ protocol: /^https?$/, error: "MEILI_URL must be an http:// or https:// URL, e.g. http://127.0.0.1:7700" }),
  ),
  /** Meilisearch API key (the master key, or a key allowed to search, add documents and manage indexes). */
  MEILI_API_KEY: optional(z.string()),
  /** How long identical searches reuse one answer, fresh (and as long again stale while it is refreshed; lib/search/with-cache.ts); 0 turns the cache off. */
  SEARCH_CACHE_TTL_MS: emptyAsUnset(z.coerce.number().int().min(0).max(3_600_000).default(60_000)),
  /** Searches one client address may make per minute (lib/search/search-rate-limit.ts); 0 turns the limit off. */
  SEARCH_RATE_LIMIT_PER_MINUTE: emptyAsUnset(z.coerce.number().int().min(0).max(1_000_000).default(300)),
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

/** A yes/no switch: 1, true or yes turn it on; unset, empty, 0, false or no leave it off. */
const flag = z.preprocess(
  (v) => (typeof v === "string" ? /^(1|true|yes)$/i.test(v.trim()) : v),
  z.boolean().default(false),
);

// Sign-in settings (lib/auth). Read on their own (getAuthEnv) because most
// command-line tools never sign anyone in. Names follow Auth.js's own
// (AUTH_SECRET, AUTH_URL, AUTH_<PROVIDER>_ID/SECRET), which it also reads itself.
const authEnvSchema = z
  .object({
    /** Signs and encrypts Auth.js cookies and tokens; required once any sign-in provider is configured. */
    AUTH_SECRET: optional(z.string().min(32, "AUTH_SECRET must be at least 32 characters: `openssl rand -base64 33`")),
    /** The site's public URL (callbacks are built from it), e.g. https://cratelist.example.org. */
    AUTH_URL: optional(z.url({ protocol: /^https?$/, error: "AUTH_URL must be the site's http(s):// URL" })),
    /** A GitHub OAuth app (callback <AUTH_URL>/api/auth/callback/github). */
    AUTH_GITHUB_ID: optional(z.string()),
    AUTH_GITHUB_SECRET: optional(z.string()),
    /** Any OpenID Connect issuer (callback <AUTH_URL>/api/auth/callback/oidc). */
    AUTH_OIDC_ISSUER: optional(z.url({ protocol: /^https?$/, error: "AUTH_OIDC_ISSUER must be the issuer's http(s):// URL" })),
    AUTH_OIDC_ID: optional(z.string()),
    AUTH_OIDC_SECRET: optional(z.string()),
    /** The button text: "Sign in with <name>". */
    AUTH_OIDC_NAME: optional(z.string().max(60)).default("OpenID Connect"),
    /** Set by `npm run demo` and the e2e server: the issuer is the local demo issuer that lets anyone in. */
    AUTH_OIDC_DEMO: flag,
    /** Comma-separated emails whose accounts are made admin when first created (a fresh install's first admin). */
    AUTH_ADMIN_EMAILS: z.preprocess(
      (v) =>
        typeof v === "string"
          ? v
              .split(",")
              .map((e) => e.trim().toLowerCase())
              .filter(Boolean)
          : v,
      z.array(z.email({ error: "AUTH_ADMIN_EMAILS must be a comma-separated list of emails" })).default([]),
    ),
    /** Behind a reverse proxy that sets X-Forwarded-For: take the client address from it (lib/request-ip.ts). */
    TRUST_PROXY: flag,
  })
  .superRefine((env, ctx) => {
    const pairs = [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
    ] as const;
    for (const names of pairs) {
      const set = names.filter((n) => env[n] !== undefined);
      if (set.length > 0 && set.length < names.length) {
        const missing = names.filter((n) => env[n] === undefined);
        ctx.addIssue({ code: "custom", path: [missing[0]!], message: `${set.join(" and ")} set but ${missing.join(" and ")} not: set all or none` });
      }
    }
    if ((env.AUTH_GITHUB_ID || env.AUTH_OIDC_ISSUER) && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "AUTH_SECRET is not set but a sign-in provider is: generate one with `openssl rand -base64 33`",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;
export type SearchEnv = z.infer<typeof searchEnvSchema>;
export type AuthEnv = z.infer<typeof authEnvSchema>;

let cached: Env | undefined;
let cachedSearch: SearchEnv | undefined;
let cachedAuth: AuthEnv | undefined;

export function getEnv(): Env {
  cached ??= parse(envSchema);
  return cached;
}

export function getSearchEnv(): SearchEnv {
  cachedSearch ??= parse(searchEnvSchema);
  return cachedSearch;
}

export function getAuthEnv(): AuthEnv {
  cachedAuth ??= parse(authEnvSchema);
  return cachedAuth;
}

/** Parses sign-in settings from `source` instead of process.env (tests, scripts checking a config). */
export function parseAuthEnv(source: Record<string, string | undefined>): AuthEnv {
  return parse(authEnvSchema, source);
}

function parse<T extends z.ZodType>(schema: T, source: Record<string, string | undefined> = process.env): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
