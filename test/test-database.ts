import { randomBytes } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, inject } from "vitest";
import { migrate } from "../lib/db/migrate";
import { PrismaClient } from "../lib/generated/prisma/client";
import { startEmbeddedPostgres } from "../lib/db/start-embedded-postgres";
import { runIngest } from "../lib/ingest/run-ingest";
import { fixtureDumpPath, fixtureIndexDir } from "./fixture-paths";
import { queryRows } from "./query-rows";

// A fresh database for one test file. On a real PostgreSQL server it is a copy
// of a template made once per run by test/global-setup.ts (migrated, and with
// the fixtures ingested when `seeded`); without a server it is an embedded
// PGlite instance prepared the same way.

export interface TestDatabase {
  url: string;
  /** Connections the database serves correctly at once (1 for the embedded one). */
  poolMax: number;
  drop(): Promise<void>;
}

export async function createTestDatabase(options: { seeded: boolean }): Promise<TestDatabase> {
  const server = inject("postgresAdminUrl");
  if (!server) return createEmbeddedDatabase(options);
  const name = `${inject("testDatabasePrefix")}_${randomBytes(6).toString("hex")}`;
  const template = options.seeded ? inject("seededTemplate") : inject("emptyTemplate");
  await queryRows(server, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  return {
    url: databaseUrl(server, name),
    poolMax: 5,
    drop: async () => {
      await queryRows(server, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** A Prisma client on a test database, sized to what the database serves. */
export function createTestPrisma(db: TestDatabase): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: db.poolMax }) });
}

/**
 * In a describe block: a test database and a Prisma client on it, made before
 * its tests and dropped after them (after the block's own afterAll hooks,
 * which run first). Read `db` and `prisma` inside hooks and tests.
 */
export function useTestPrisma(options: { seeded: boolean }): { readonly db: TestDatabase; readonly prisma: PrismaClient } {
  let db: TestDatabase | undefined;
  let prisma: PrismaClient | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(options);
    prisma = createTestPrisma(db);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("useTestPrisma: the database is made in beforeAll; read it in hooks and tests");
    return value;
  };
  return {
    get db() {
      return ready(db);
    },
    get prisma() {
      return ready(prisma);
    },
  };
}

async function createEmbeddedDatabase(options: { seeded: boolean }): Promise<TestDatabase> {
  const embedded = await startEmbeddedPostgres();
  await migrate(embedded.url);
  if (options.seeded) await runIngest(embedded.url, { indexDir: fixtureIndexDir, dumpPath: inject("fixtureDumpPath") ?? fixtureDumpPath });
  return { url: embedded.url, poolMax: 1, drop: () => embedded.stop() };
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}


declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of the PostgreSQL server, or null when tests use the embedded database. */
    postgresAdminUrl: string | null;
    emptyTemplate: string;
    seededTemplate: string;
    fixtureDumpPath: string;
    /** Prefix of this run's database names (carries the run's pid). */
    testDatabasePrefix: string;
  }
}
