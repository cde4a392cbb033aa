import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";

// Playwright's web server: a fresh `cratelist_e2e` database on the local
// PostgreSQL server (or the embedded one when no server answers), then the
// demo start-up (migrate, ingest the fixtures, build if stale, next start).
const root = path.resolve(import.meta.dirname, "..");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const env: NodeJS.ProcessEnv = { ...process.env, PORT: process.env.E2E_PORT ?? "3200" };
delete env.DATABASE_URL;

const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
try {
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS cratelist_e2e WITH (FORCE)");
  await admin.query("CREATE DATABASE cratelist_e2e");
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = "/cratelist_e2e";
  env.DATABASE_URL = url.toString();
} catch {
  console.warn("[e2e] No PostgreSQL reachable: the site under test runs on the embedded database.");
  // Its own data directory, so that the tests never touch the demo's data.
  env.EMBEDDED_DATA_DIR = path.join(root, ".data/pglite-e2e");
}

const child = spawn("node", ["--import", "tsx", "scripts/start-demo.ts", "--reingest"], { cwd: root, env, stdio: "inherit" });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
