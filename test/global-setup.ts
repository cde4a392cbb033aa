import { existsSync } from "node:fs";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { migrate } from "../lib/db/migrate";
import { runIngest } from "../lib/ingest/run-ingest";
import { buildDumpFixture } from "../scripts/build-dump-fixture";
import { fixtureDumpPath, fixtureIndexDir } from "./fixture-paths";
import { queryRows } from "./query-rows";
import { databaseUrl } from "./test-database";
import { isProcessAlive } from "./is-process-alive";

// Runs once per `vitest run`: builds the dump fixture, and on a real
// PostgreSQL server prepares two templates every database test copies from.
// TEST_POSTGRES_URL names the server (default: the local one on 5432); when it
// cannot be reached the database tests run on embedded PGlite instead.
// Names carry this run's pid, so that concurrent runs on one server (two
// checkouts, a developer and CI) never drop each other's databases.
const RUN = `cratelist_t${process.pid}`;
const EMPTY_TEMPLATE = `${RUN}_empty`;
const SEEDED_TEMPLATE = `${RUN}_seeded`;

export default async function setup(project: TestProject) {
  if (!existsSync(fixtureDumpPath)) await buildDumpFixture(fixtureDumpPath);
  project.provide("fixtureDumpPath", fixtureDumpPath);
  project.provide("emptyTemplate", EMPTY_TEMPLATE);
  project.provide("seededTemplate", SEEDED_TEMPLATE);

  const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  if (!(await reachable(adminUrl))) {
    console.warn(`\n[tests] No PostgreSQL at ${redact(adminUrl)}: database tests run on the embedded PGlite database.\n`);
    project.provide("postgresAdminUrl", null);
    return;
  }
  project.provide("postgresAdminUrl", adminUrl);
  project.provide("testDatabasePrefix", RUN);
  await dropLeftoversOfDeadRuns(adminUrl);
  for (const template of [EMPTY_TEMPLATE, SEEDED_TEMPLATE]) {
    await queryRows(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await queryRows(adminUrl, `CREATE DATABASE ${template}`);
    await migrate(databaseUrl(adminUrl, template));
  }
  await runIngest(databaseUrl(adminUrl, SEEDED_TEMPLATE), { indexDir: fixtureIndexDir, dumpPath: fixtureDumpPath });
  return async () => {
    for (const template of [EMPTY_TEMPLATE, SEEDED_TEMPLATE]) {
      await queryRows(adminUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    }
  };
}

// Databases of runs whose process is gone (killed, crashed) are dropped.
async function dropLeftoversOfDeadRuns(adminUrl: string): Promise<void> {
  const rows = await queryRows<{ datname: string }>(adminUrl, `SELECT datname FROM pg_database WHERE datname ~ '^cratelist_t[0-9]+_'`);
  for (const { datname } of rows) {
    const pid = Number(/^cratelist_t(\d+)_/.exec(datname)?.[1]);
    if (!isProcessAlive(pid)) await queryRows(adminUrl, `DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}


async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}


function redact(url: string): string {
  const u = new URL(url);
  u.password = u.password ? "***" : "";
  return u.toString();
}
