import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { isProcessAlive } from "../test/is-process-alive";
import { startOidcIssuer } from "./oidc-issuer";

// Playwright's web server: a fresh `cratelist_e2e_<pid>` database on the local
// PostgreSQL server (or the embedded one when no server answers), then the
// demo start-up (migrate, ingest the fixtures, build if stale, next start),
// with sign-in through a local OpenID Connect issuer (scripts/oidc-issuer.ts).
const root = path.resolve(import.meta.dirname, "..");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const port = process.env.E2E_PORT ?? "3200";
const env: NodeJS.ProcessEnv = { ...process.env, PORT: port };
delete env.DATABASE_URL;
// Sign-in is always the test issuer's, whatever the developer's shell has.
for (const key of Object.keys(env)) if (key.startsWith("AUTH_")) delete env[key];

// One e2e run at a time per checkout: runs share the port and the `.next`
// build. A second run waits for the first (whose pid is in the lock file).
const lockFile = path.join(root, ".e2e-server.lock");
for (let waited = 0; ; waited++) {
  let holder = 0;
  try {
    holder = Number(readFileSync(lockFile, "utf8"));
  } catch {
    // no lock file: free
  }
  if (!holder || holder === process.pid || !isProcessAlive(holder)) {
    writeFileSync(lockFile, String(process.pid));
    break;
  }
  if (waited % 30 === 0) console.warn(`[e2e] another e2e run (pid ${holder}) holds ${lockFile}: waiting for it to finish`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
}

const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
try {
  await admin.connect();
  // One database per run (named with this pid), so concurrent runs on one
  // server never share or drop each other's; those of dead runs are dropped.
  const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname ~ '^cratelist_e2e_[0-9]+$'`);
  for (const { datname } of rows) {
    if (!isProcessAlive(Number(datname.slice("cratelist_e2e_".length)))) await admin.query(`DROP DATABASE ${datname} WITH (FORCE)`);
  }
  const database = `cratelist_e2e_${process.pid}`;
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  env.DATABASE_URL = url.toString();
} catch {
  console.warn("[e2e] No PostgreSQL reachable: the site under test runs on the embedded database.");
  // Its own data directory, so that the tests never touch the demo's data.
  env.EMBEDDED_DATA_DIR = path.join(root, ".data/pglite-e2e");
}

// The issuer on a free port (a running demo keeps its own, 3901), with the
// site's callback on `localhost`: Next reports 127.0.0.1 as localhost, so the
// site is browsed and registered under that name.
const siteUrl = `http://localhost:${port}`;
const clientSecret = randomBytes(24).toString("hex");
const issuer = await startOidcIssuer({
  port: 0,
  clientId: "cratelist-e2e",
  clientSecret,
  redirectUris: [`${siteUrl}/api/auth/callback/oidc`],
});
console.log(`[e2e] OIDC issuer on ${issuer.issuerUrl}`);
Object.assign(env, {
  AUTH_URL: siteUrl,
  // Fresh per run: sessions of an earlier run are worthless.
  AUTH_SECRET: randomBytes(33).toString("base64"),
  AUTH_TRUST_HOST: "true",
  AUTH_OIDC_ISSUER: issuer.issuerUrl,
  AUTH_OIDC_ID: "cratelist-e2e",
  AUTH_OIDC_SECRET: clientSecret,
  AUTH_OIDC_NAME: "Demo issuer",
  AUTH_OIDC_DEMO: "1",
  // e2e/sign-in.ts: signing in as `admin` makes the bootstrap admin.
  AUTH_ADMIN_EMAILS: "admin@example.test",
  // Bursts of 2 searches, then one per 10 s, per client address: e2e/api.spec.ts reaches the limit as one
  // address (X-Real-IP); the browser's requests carry no address and are never limited.
  SEARCH_RATE_LIMIT_PER_MINUTE: "6",
});

const child = spawn("node", ["--import", "tsx", "scripts/start-demo.ts", "--reingest"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", async (code) => {
  await issuer.stop();
  process.exit(code ?? 0);
});
