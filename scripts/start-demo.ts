import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "../lib/db/start-embedded-postgres";
import { runIngest } from "../lib/ingest/run-ingest";
import { refreshDemoDerivedData } from "./refresh-demo-derived-data";
import { nextBuildIsStale } from "./next-build-is-stale";
import { startOidcIssuer, type OidcIssuer } from "./oidc-issuer";

// `npm run demo`: the site on http://localhost:3000 with the bundled real
// crates.io sample loaded. Without DATABASE_URL it runs on the embedded
// database (PGlite, kept in .data/pglite); with DATABASE_URL it uses that
// PostgreSQL. Safe to run again: it migrates, ingests only an empty database
// (or always with --reingest), and rebuilds the site only when sources changed.
// Sign-in: unless GitHub or an OpenID Connect issuer is configured, it starts
// a local demo issuer (127.0.0.1:3901, or DEMO_OIDC_PORT) where anyone signs in
// under any name; `admin` becomes the site's admin.

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const reingest = process.argv.includes("--reingest");
const indexDir = path.join(root, "fixtures/crates-io-index");
const dumpPath = path.join(root, "fixtures/dump/db-dump.tar.gz");

let embedded: EmbeddedPostgres | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const dataDir = process.env.EMBEDDED_DATA_DIR ?? path.join(root, ".data/pglite");
  console.log(`DATABASE_URL is not set: starting the embedded database (PGlite) in ${path.relative(root, dataDir)}`);
  embedded = await startEmbeddedPostgres({ dataDir });
  databaseUrl = embedded.url;
}

const migrated = await migrate(databaseUrl);
console.log(`Migrations: ${migrated.applied.length} applied, ${migrated.alreadyApplied} already there`);

if (reingest || (await crateCount(databaseUrl)) === 0) {
  if (!existsSync(dumpPath)) run("node", ["--import", "tsx", "scripts/build-dump-fixture.ts", "--out", dumpPath]);
  const summary = await runIngest(databaseUrl, { indexDir, dumpPath, log: (m) => console.log(`ingest: ${m}`) });
  console.log(`Loaded ${summary.crates} crates, ${summary.versions} versions in ${(summary.durationMs / 1000).toFixed(1)} s`);
}
// The worker refreshes curation after each ingest; the demo has no worker.
await refreshDemoDerivedData(databaseUrl, { force: reingest, poolMax: embedded ? 1 : 2 });

if (await nextBuildIsStale(root)) run("npx", ["next", "build"]);

const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: databaseUrl,
  DATABASE_POOL_MAX: embedded ? "1" : (process.env.DATABASE_POOL_MAX ?? "10"),
};
const issuer = await configureSignIn(env);
// Idle keep-alive connections stay open longer than clients keep them (Node's
// default of 5 s races clients reusing a socket just as the server closes it:
// ECONNRESET on an innocent request).
const server = spawn("npx", ["next", "start", "-p", String(port), "--keepAliveTimeout", "65000"], { cwd: root, env, stdio: "inherit" });
console.log(`Serving on http://localhost:${port}`);
const shutdown = async () => {
  server.kill("SIGTERM");
  await Promise.all([embedded?.stop(), issuer?.stop()]);
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
server.on("exit", async (code) => {
  await Promise.all([embedded?.stop(), issuer?.stop()]);
  process.exit(code ?? 0);
});

/** Sign-in settings for the site: the operator's if given, else the demo issuer's. */
async function configureSignIn(env: NodeJS.ProcessEnv): Promise<OidcIssuer | undefined> {
  // Browsed as localhost (Next reports 127.0.0.1 as localhost), so callbacks are built on it.
  env.AUTH_URL ||= `http://localhost:${port}`;
  env.AUTH_SECRET ||= demoSecret();
  if (env.AUTH_OIDC_ISSUER || env.AUTH_GITHUB_ID) return undefined;

  const clientSecret = randomBytes(24).toString("hex");
  const options = { clientId: "cratelist-demo", clientSecret, redirectUris: [`${env.AUTH_URL.replace(/\/$/, "")}/api/auth/callback/oidc`] };
  const wanted = Number(process.env.DEMO_OIDC_PORT ?? 3901);
  let issuer: OidcIssuer;
  try {
    issuer = await startOidcIssuer({ ...options, port: wanted });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    // Another demo (or anything else) has the port: any free one will do, the
    // site is told where it is.
    issuer = await startOidcIssuer({ ...options, port: 0 });
  }
  Object.assign(env, {
    AUTH_OIDC_ISSUER: issuer.issuerUrl,
    AUTH_OIDC_ID: options.clientId,
    AUTH_OIDC_SECRET: clientSecret,
    AUTH_OIDC_NAME: "Demo issuer",
    AUTH_OIDC_DEMO: "1",
  });
  env.AUTH_ADMIN_EMAILS ||= "admin@example.test";
  console.log(`Sign-in: demo OpenID Connect issuer on ${issuer.issuerUrl}: anyone can sign in under any name; "admin" is the admin.`);
  return issuer;
}

/** The demo's AUTH_SECRET: made once and kept in .data, so sessions survive restarts. */
function demoSecret(): string {
  const file = path.join(root, ".data/auth-secret");
  if (existsSync(file)) {
    const kept = readFileSync(file, "utf8").trim();
    if (kept.length >= 32) return kept;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(33).toString("base64");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    console.error(`\`${command} ${args.join(" ")}\` failed`);
    process.exit(result.status ?? 1);
  }
}

async function crateCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM crates");
    return rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

