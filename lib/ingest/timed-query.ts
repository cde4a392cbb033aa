import type pg from "pg";

export type Query = (sql: string, values?: unknown[]) => Promise<pg.QueryResult>;

/** A query function that logs each statement slower than a second, so a run shows where its time goes. */
export function timedQuery(client: pg.ClientBase, log: (message: string) => void): Query {
  return async (sql, values) => {
    const started = performance.now();
    const result = await client.query(sql, values);
    const ms = performance.now() - started;
    if (ms > 1000) log(`  ${(ms / 1000).toFixed(1)} s: ${sql.replace(/\s+/g, " ").slice(0, 90)}`);
    return result;
  };
}
