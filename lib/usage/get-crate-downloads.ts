import type { PrismaClient } from "../generated/prisma/client";
import { movingAverage } from "./moving-average";

/** Days in the downloads window: the dump's version_downloads covers the last 90 days. */
export const DOWNLOAD_WINDOW_DAYS = 90;

/** The entry that sums every version after the top ones. */
export const OTHER_VERSIONS = "other";

export interface VersionDownloads {
  /** A version number, or "other" (every version after the top ones, summed). */
  num: string;
  /** Downloads per day, aligned with `days`. */
  daily: number[];
  sum: number;
}

export interface CrateDownloads {
  /** YYYY-MM-DD, oldest first: the 90 days ending at the registry's last download day. */
  days: string[];
  /** All versions, per day. */
  total: number[];
  /** Trailing 7-day mean of `total`; null for the first 6 days. */
  average7: (number | null)[];
  /** The top versions by downloads in the window (most first), then "other" when there are more. */
  versions: VersionDownloads[];
  /** Downloads in the window. */
  sum90: number;
  /** All-time downloads (crates.downloads, from the dump). */
  allTime: number;
}

interface SlotRow {
  slot: number;
  num: string | null;
  day: string;
  downloads: bigint;
}

/**
 * A crate's daily downloads over the registry's last 90 days, in total and
 * for its most downloaded versions (the rest summed as "other"). The window
 * ends at the last day version_downloads has for ANY crate, so every crate's
 * chart covers the same days and a crate nobody downloaded lately shows
 * zeros up to that day. Null when there is no crate with that id.
 *
 * Two queries: the crate's all-time figure with the window's end, and the
 * daily rows already grouped by version slot in SQL (at most (N + 1) × 90
 * rows however many versions the crate has). Both read through
 * versions(crate_id, …) and the version_downloads primary key (version_id, date).
 */
export async function getCrateDownloads(
  db: PrismaClient,
  crateId: number,
  options: { topVersions?: number } = {},
): Promise<CrateDownloads | null> {
  const top = options.topVersions ?? 4;
  if (!Number.isInteger(top) || top < 0) throw new RangeError(`topVersions must be a whole number ≥ 0, got ${top}`);

  const [crates, rows] = await Promise.all([
    db.$queryRaw<{ downloads: bigint; last_day: string | null }[]>`
      SELECT c.downloads, to_char((SELECT max(date) FROM version_downloads), 'YYYY-MM-DD') AS last_day
      FROM crates c WHERE c.id = ${crateId}`,
    db.$queryRaw<SlotRow[]>`
      WITH bounds AS (SELECT max(date) AS last FROM version_downloads),
      daily AS (
        SELECT vd.version_id, v.num, v.sort_key, vd.date, vd.downloads::bigint AS downloads,
               sum(vd.downloads::bigint) OVER (PARTITION BY vd.version_id) AS version_sum
        FROM versions v
        JOIN version_downloads vd ON vd.version_id = v.id
        WHERE v.crate_id = ${crateId}
          AND vd.date > (SELECT last FROM bounds) - ${DOWNLOAD_WINDOW_DAYS}::int
          AND vd.date <= (SELECT last FROM bounds)
      ),
      ranked AS (
        -- One rank per version, most downloaded first; ties go to the higher version.
        SELECT d.*, dense_rank() OVER (ORDER BY version_sum DESC, sort_key COLLATE "C" DESC, version_id DESC) AS rank
        FROM daily d
      )
      SELECT least(rank, ${top + 1}::int)::int AS slot,
             CASE WHEN rank <= ${top}::int THEN num END AS num,
             to_char(date, 'YYYY-MM-DD') AS day,
             sum(downloads)::bigint AS downloads
      FROM ranked
      GROUP BY 1, 2, 3`,
  ]);
  const crate = crates[0];
  if (!crate) return null;

  const days = windowDays(crate.last_day);
  const dayIndex = new Map(days.map((day, i) => [day, i]));
  const slots = new Map<number, VersionDownloads>();
  const total = new Array<number>(days.length).fill(0);
  for (const row of rows) {
    const i = dayIndex.get(row.day);
    if (i === undefined) continue;
    let entry = slots.get(row.slot);
    if (!entry) {
      entry = { num: row.slot > top ? OTHER_VERSIONS : (row.num ?? OTHER_VERSIONS), daily: new Array<number>(days.length).fill(0), sum: 0 };
      slots.set(row.slot, entry);
    }
    const n = Number(row.downloads);
    entry.daily[i] = n;
    entry.sum += n;
    total[i] = total[i]! + n;
  }
  return {
    days,
    total,
    average7: movingAverage(total, 7),
    versions: [...slots.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry),
    sum90: total.reduce((a, b) => a + b, 0),
    allTime: Number(crate.downloads),
  };
}

/**
 * The window's days, oldest first, ending at `lastDay`. A registry without
 * any daily downloads (nothing ingested from a dump yet) gets the window
 * ending today (UTC), all zeros.
 */
function windowDays(lastDay: string | null): string[] {
  const end = lastDay ? Date.parse(`${lastDay}T00:00:00Z`) : Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return Array.from({ length: DOWNLOAD_WINDOW_DAYS }, (_, k) =>
    new Date(end - (DOWNLOAD_WINDOW_DAYS - 1 - k) * 86_400_000).toISOString().slice(0, 10),
  );
}
