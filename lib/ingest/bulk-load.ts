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

  const restore = await dropKeysAndIndexes(q, [table], { keepUnique: false });
  await fill();
  await restore();
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
  const restore = await dropKeysAndIndexes(q, tables, { keepUnique: true });
  await fill();
  await restore();
  return true;
}

/**
 * Drops the key constraints of `tables` and their indexes that back no
 * constraint (with `keepUnique`: only foreign keys and non-unique indexes),
 * and returns what puts them back: primary and unique keys first, then the
 * indexes, then the foreign keys, so that their checks can use the others.
 */
async function dropKeysAndIndexes(q: Query, tables: string[], { keepUnique }: { keepUnique: boolean }): Promise<() => Promise<void>> {
  const { rows: constraints } = await q(
    `SELECT conrelid::regclass::text AS table_name, conname, contype, pg_get_constraintdef(oid) AS def FROM pg_constraint
     WHERE conrelid = ANY($1::regclass[]) AND contype = ANY($2::"char"[])
     ORDER BY contype = 'f', conrelid::regclass::text, conname`,
    [tables, keepUnique ? ["f"] : ["p", "u", "f"]],
  );
  const { rows: indexes } = await q(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid = ANY($1::regclass[]) AND NOT (x.indisunique AND $2::boolean)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid AND c.conrelid = x.indrelid)
     ORDER BY i.relname`,
    [tables, keepUnique],
  );
  const add = (c: Record<string, string>) => q(`ALTER TABLE ${c.table_name} ADD CONSTRAINT "${c.conname}" ${c.def}`);
  // Foreign keys go first (they sort last) and come back last.
  for (const c of [...constraints].reverse()) await q(`ALTER TABLE ${c.table_name} DROP CONSTRAINT "${c.conname}"`);
  for (const i of indexes) await q(`DROP INDEX "${i.name}"`);
  return async () => {
    for (const c of constraints.filter((c) => c.contype !== "f")) await add(c);
    for (const i of indexes) await q(i.def as string);
    for (const c of constraints.filter((c) => c.contype === "f")) await add(c);
  };
}
