import type { PrismaClient } from "../generated/prisma/client";
import { TREND_PERIOD_DAYS, trendScoreSql } from "./trend-score";

export interface DownloadTrendsRefresh {
  /** Crates with a row in crate_download_trends (downloads in either period). */
  crates: number;
  seconds: number;
}

// Both periods end relative to the last day version_downloads has (the dump's
// last day), not to today: a dump a few days old still compares full periods.
// Crates with no downloads in either period get no row (the listing reads only
// score > 0). Removed crates keep their row; listings leave them out.
//
// Summed per version first, then per crate: the per-version aggregate reads
// version_downloads alone (no join on its ~12 million rows in the 56 days at
// full scale), and only ~300,000 version sums meet `versions`. A CREATE TABLE
// AS may run in parallel, an INSERT … SELECT may not (PostgreSQL 15).
const computeSql = `
CREATE TEMP TABLE download_trends_new ON COMMIT DROP AS
SELECT crate_id, recent, previous, ${trendScoreSql("recent", "previous")} AS score
FROM (
  SELECT v.crate_id, sum(s.recent)::bigint AS recent, sum(s.previous)::bigint AS previous
  FROM (
    SELECT vd.version_id,
           coalesce(sum(vd.downloads) FILTER (WHERE vd.date > (SELECT max(date) FROM version_downloads) - ${TREND_PERIOD_DAYS}), 0) AS recent,
           coalesce(sum(vd.downloads) FILTER (WHERE vd.date <= (SELECT max(date) FROM version_downloads) - ${TREND_PERIOD_DAYS}), 0) AS previous
    FROM version_downloads vd
    WHERE vd.date > (SELECT max(date) FROM version_downloads) - ${2 * TREND_PERIOD_DAYS}
    GROUP BY vd.version_id
  ) s
  JOIN versions v ON v.id = s.version_id
  GROUP BY v.crate_id
) periods`;

// Rows are updated in place rather than deleted and inserted again: an
// INSERT checks the foreign key to crates row by row (and locks each crate
// row to do it: 250,000 page writes at full scale), an UPDATE that keeps the
// key does not. computed_at says when a row last changed.
const writeSql = [
  `DELETE FROM crate_download_trends t WHERE NOT EXISTS (SELECT 1 FROM download_trends_new n WHERE n.crate_id = t.crate_id)`,
  `INSERT INTO crate_download_trends AS t (crate_id, recent, previous, score)
   SELECT crate_id, recent, previous, score FROM download_trends_new
   ON CONFLICT (crate_id) DO UPDATE SET recent = EXCLUDED.recent, previous = EXCLUDED.previous, score = EXCLUDED.score, computed_at = CURRENT_TIMESTAMP
   WHERE (t.recent, t.previous, t.score) IS DISTINCT FROM (EXCLUDED.recent, EXCLUDED.previous, EXCLUDED.score)`,
];

/**
 * Recomputes crate_download_trends from version_downloads in one transaction:
 * readers see the old figures until it commits, then all the new ones. Runs
 * after each ingest (the worker); two refreshes at once take turns.
 */
export async function refreshDownloadTrends(db: PrismaClient): Promise<DownloadTrendsRefresh> {
  const started = performance.now();
  const crates = await db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(hashtext('cratelist:refresh_download_trends'))`);
      // One group per version, then per crate: ~300,000 and ~250,000 at full scale, kept in memory.
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
      const computed = await tx.$executeRawUnsafe(computeSql);
      // Temporary tables are never analyzed automatically; the anti-join and the upsert plan better with statistics.
      await tx.$executeRawUnsafe(`ANALYZE download_trends_new`);
      for (const sql of writeSql) await tx.$executeRawUnsafe(sql);
      return computed;
    },
    { maxWait: 30_000, timeout: 10 * 60_000 },
  );
  return { crates, seconds: (performance.now() - started) / 1000 };
}
