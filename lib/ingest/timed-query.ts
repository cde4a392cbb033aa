import type pg from "pg";

export type Query = (sql: string, values?: unknown[]) => Promise<pg.QueryResult>;

/**
 * A query function that logs each statement slower than a second, so a run
 * shows where its time goes, and tells `onStatement` what each statement
 * does while it runs (null once it ended), so that progress can show it.
 */
export function timedQuery(
  client: pg.ClientBase,
  log: (message: string) => void,
  onStatement: (what: string | null) => void = () => {},
): Query {
  return async (sql, values) => {
    const started = performance.now();
    onStatement(describeStatement(sql));
    try {
      const result = await client.query(sql, values);
      const ms = performance.now() - started;
      if (ms > 1000) log(`  ${(ms / 1000).toFixed(1)} s: ${sql.replace(/\s+/g, " ").slice(0, 90)}`);
      return result;
    } finally {
      onStatement(null);
    }
  };
}

const STATEMENT = /^(INSERT INTO|UPDATE|DELETE FROM|CREATE (?:TEMP |UNIQUE )?(?:TABLE|INDEX)|ALTER TABLE|ANALYZE) ("?[\w.]+"?)/i;

/**
 * What a statement does, in a few words: its verb and the table (or index) it
 * writes, e.g. "INSERT INTO dependencies"; a statement that starts with a
 * WITH clause is named by its main verb. Null for anything else (reads).
 */
export function describeStatement(sql: string): string | null {
  let text = sql.replace(/--[^\n]*/g, " ").replace(/\s+/g, " ").trim();
  // WITH a AS (...), b AS (...) <main statement>: skip the balanced parentheses of each CTE.
  if (/^WITH\b/i.test(text)) {
    let depth = 0;
    let end = -1;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")" && --depth === 0) {
        const rest = text.slice(i + 1).trimStart();
        if (!rest.startsWith(",")) {
          end = i + 1;
          break;
        }
      }
    }
    if (end < 0) return null;
    text = text.slice(end).trim();
  }
  const match = STATEMENT.exec(text);
  if (!match) return null;
  return `${match[1]!.toUpperCase()} ${match[2]!.replace(/"/g, "")}`;
}
