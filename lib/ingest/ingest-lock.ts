// The session-level advisory lock every ingest run and index sync holds while
// it runs (with-ingest-run.ts), so that runs never interleave. Any constant
// works; every ingest process must use the same one.
export const INGEST_LOCK_KEY = 72_707_370;

/**
 * SQL answering `held`: whether some session holds the ingest lock on this
 * database, i.e. an ingest process is alive. Advisory locks belong to a
 * database, and pg_locks lists those of every database on the server. A
 * bigint key shows split into classid (high 32 bits) and objid (low 32 bits),
 * with objsubid 1.
 */
export const INGEST_LOCK_HELD_SQL = `SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND classid = ${Math.floor(INGEST_LOCK_KEY / 2 ** 32)} AND objid = ${INGEST_LOCK_KEY % 2 ** 32} AND objsubid = 1) AS held`;
