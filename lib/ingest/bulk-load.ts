import type { Query } from "./timed-query";

/**
 * Fills an EMPTY table the way pg_restore does: drop its indexes and
 * key constraints, insert, then build the indexes once and check each foreign
 * key with one join instead of one trigger call per row. On a first load of
 * millions of dependency rows this is several times faster than inserting
 * into the indexed table.
 *
 * Inside the run's transaction, so a failure restores everything; but DROP
 * INDEX locks the table until COMMIT, so readers of it wait. That is why this
 * is only for a table that is empty (a first load, when there is nothing to
 * read), and why a table other tables reference is filled the normal way.
 * Returns false, doing nothing, when the table is not empty or is referenced.
 */
export async function bulkLoadIfEmpty(q: Query, table: string, fill: () => Promise<unknown>): Promise<boolean> {
  const { rows } = await q(
    `SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty,
            EXISTS (SELECT 1 FROM pg_constraint WHERE confrelid = $1::regclass AND contype = 'f') AS referenced`,
    [table],
  );
  if (!rows[0]!.empty || rows[0]!.referenced) return false;

  const { rows: constraints } = await q(
    `SELECT conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = $1::regclass AND contype IN ('p', 'u', 'f') ORDER BY contype = 'f', conname`,
    [table],
  );
  const { rows: indexes } = await q(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.conrelid = x.indrelid)
     ORDER BY i.relname`,
    [table],
  );
  for (const c of [...constraints].reverse()) await q(`ALTER TABLE ${table} DROP CONSTRAINT "${c.conname}"`);
  for (const i of indexes) await q(`DROP INDEX "${i.name}"`);

  await fill();

  // Keys and indexes first, so the foreign key checks after them can use them.
  for (const c of constraints.filter((c) => c.contype !== "f")) await q(`ALTER TABLE ${table} ADD CONSTRAINT "${c.conname}" ${c.def}`);
  for (const i of indexes) await q(i.def as string);
  for (const c of constraints.filter((c) => c.contype === "f")) await q(`ALTER TABLE ${table} ADD CONSTRAINT "${c.conname}" ${c.def}`);
  await q(`ANALYZE ${table}`);
  return true;
}

/**
 * A first load into empty served tables: when every one of `tables` is empty,
 * drops the foreign keys they hold and their indexes that back no constraint,
 * runs `fill`, then builds those indexes once and adds the keys back, each
 * checked by one join over the loaded rows. A foreign key checked per
 * inserted row costs more than the insert itself (12 µs a row for versions'
 * two keys), and every row of `crates` is written several times in a run.
 * Primary keys and unique indexes stay, so ON CONFLICT and the merge's joins
 * still work.
 *
 * Inside the run's transaction, so a failure restores everything; dropping
 * keys and indexes locks these tables until COMMIT, which is why only a first
 * load, with nothing to read yet, does it. With rows in any of the tables,
 * runs `fill` as it is and returns false.
 */
export async function loadIntoEmptyTables(q: Query, tables: string[], fill: () => Promise<unknown>): Promise<boolean> {
  const { rows: counts } = await q(`SELECT ${tables.map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(" OR ")} AS any_rows`);
  if (counts[0]!.any_rows) {
    await fill();
    return false;
  }
  const { rows: keys } = await q(
    `SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE contype = 'f' AND conrelid = ANY($1::regclass[]) ORDER BY conrelid::regclass::text, conname`,
    [tables],
  );
  const { rows: indexes } = await q(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = ANY($1::regclass[]) AND NOT x.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.conrelid = x.indrelid)
     ORDER BY i.relname`,
    [tables],
  );
  for (const k of keys) await q(`ALTER TABLE ${k.table_name} DROP CONSTRAINT "${k.conname}"`);
  for (const i of indexes) await q(`DROP INDEX "${i.name}"`);
  await fill();
  for (const i of indexes) await q(i.def as string);
  for (const k of keys) await q(`ALTER TABLE ${k.table_name} ADD CONSTRAINT "${k.conname}" ${k.def}`);
  return true;
}
