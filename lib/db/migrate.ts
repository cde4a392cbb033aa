import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Applies prisma/migrations without Prisma's native schema engine (it cannot be
// downloaded on our machines). Bookkeeping uses Prisma's own _prisma_migrations
// table and checksum (sha256 hex of migration.sql), so `prisma migrate status`
// on a machine that has the engine sees the same database as fully migrated.

export const defaultMigrationsDir = path.resolve(import.meta.dirname, "../../prisma/migrations");

// Any constant works; it only has to be the same for every migrating process.
const MIGRATION_LOCK_KEY = 72_707_369;

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

export async function migrate(connectionString: string, migrationsDir = defaultMigrationsDir): Promise<MigrationResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    try {
      return await applyPending(client, migrationsDir);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(client: pg.Client, migrationsDir: string): Promise<MigrationResult> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
  );
  const done = new Map(rows.map((r) => [r.migration_name, r]));

  const names = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

  const applied: string[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(migrationsDir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const previous = done.get(name);
    if (previous) {
      if (!previous.finished_at) {
        throw new Error(`Migration ${name} was started but never finished; inspect the database and mark it rolled back before retrying.`);
      }
      if (previous.checksum !== checksum) {
        throw new Error(`Migration ${name} was edited after it was applied (checksum differs); write a new migration instead.`);
      }
      continue;
    }
    const id = randomUUID();
    await client.query("BEGIN");
    try {
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)`,
        [id, checksum, name],
      );
      await client.query(sql);
      await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(name);
  }
  return { applied, alreadyApplied: names.length - applied.length };
}
