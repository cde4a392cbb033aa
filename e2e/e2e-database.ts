import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/**
 * The database of the site under test: scripts/e2e-server.ts makes
 * `cratelist_e2e_<its pid>` and writes that pid to `.e2e-server.lock`. Null
 * when the site runs on the embedded database (no PostgreSQL server).
 */
export async function e2eDatabase(): Promise<pg.Client | null> {
  let pid: string;
  try {
    pid = readFileSync(path.resolve(import.meta.dirname, "../.e2e-server.lock"), "utf8").trim();
  } catch {
    return null;
  }
  const url = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
  url.pathname = `/cratelist_e2e_${pid}`;
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return client;
  } catch {
    return null;
  }
}

