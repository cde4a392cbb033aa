import pg from "pg";

/** What search reads for every match: the crates, and their keywords and categories for the facets (index-only scans). */
export const SEARCH_TABLES = ["crates", "crate_keywords", "crate_categories"] as const;

/**
 * `VACUUM (ANALYZE)` of the tables search reads, once a run has committed.
 * A dump run rewrites nearly every crate row (recent downloads change every
 * day), and until the table is vacuumed every search reads each row's dead
 * copy too, and the search index's list of pending entries: at full scale
 * (250,000 crates), after such a rewrite, `async` took 440–520 ms and
 * `serde` 210–230 ms instead of 270 ms and 100–130 ms. Rows a run inserted
 * are not marked all-visible until a vacuum either, so the facet counts'
 * index-only scans of crate_keywords and crate_categories read the table
 * for every match (`async` with facets: 326 ms before, ~205 ms after).
 * Autovacuum gets there minutes later; this takes about 2.5 s at full scale,
 * and almost nothing when few rows changed.
 *
 * It runs on a connection of its own (VACUUM cannot run in a transaction),
 * after the new data is served, and is best effort: a failure is logged and
 * leaves the cleanup to autovacuum.
 */
export async function vacuumSearchTables(connectionString: string, log: (message: string) => void): Promise<void> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    const started = performance.now();
    for (const table of SEARCH_TABLES) await client.query(`VACUUM (ANALYZE) ${table}`);
    log(`Vacuumed ${SEARCH_TABLES.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    log(`Could not vacuum ${SEARCH_TABLES.join(", ")} (autovacuum will): ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}
