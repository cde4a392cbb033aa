import type pg from "pg";

/** Whether the connection is to the embedded PGlite server, which cannot COPY FROM STDIN. */
export async function isEmbedded(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ version: string }>("SELECT version()");
  return /PGlite/i.test(rows[0]?.version ?? "");
}
