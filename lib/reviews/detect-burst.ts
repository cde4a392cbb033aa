import type { Db } from "./db-types";
import { activeFreeze, writeCrateRatings } from "./refresh-crate-ratings";

const hourMs = 60 * 60 * 1000;

/** Events on a crate within this window are compared with its baseline. */
export const burstWindowMs = 24 * hourMs;
/** The baseline is the daily average over this many days before the window. */
export const baselineDays = 30;
/** A burst is at least this many events in the window... */
export const burstMinimumEvents = 10;
/** ...and at least this many times the daily baseline. */
export const burstBaselineFactor = 5;

export interface BurstCheck {
  recent: number;
  /** Events per day in the 30 days before the window. */
  baseline: number;
  threshold: number;
  frozen: boolean;
}

/** The number of events in the window that makes a burst, for a daily baseline. */
export function burstThreshold(baseline: number): number {
  return Math.max(burstMinimumEvents, burstBaselineFactor * baseline);
}

/**
 * Run after a review save or a vote touching `crateName`: counts its events
 * (review saves, i.e. revisions, and helpful votes on its reviews) in the last
 * 24 hours against its baseline, and on a burst freezes the crate's
 * aggregates at their pre-burst value (reviews as they stood when the window
 * opened), with a moderation_log entry by the system so moderators see it.
 * Events before a moderator released the last freeze do not count again.
 */
export async function detectBurst(db: Db, crateName: string, now: Date): Promise<BurstCheck> {
  const lastRelease = await db.ratingFreeze.findFirst({
    where: { crateName, releasedAt: { not: null } },
    orderBy: { releasedAt: "desc" },
    select: { releasedAt: true },
  });
  const windowStart = new Date(now.getTime() - burstWindowMs);
  const from = lastRelease?.releasedAt && lastRelease.releasedAt > windowStart ? lastRelease.releasedAt : windowStart;
  const baselineStart = new Date(windowStart.getTime() - baselineDays * burstWindowMs);

  const [counts] = await db.$queryRaw<{ recent: number; before: number }[]>`
    WITH events AS (
      SELECT v.created_at AS at FROM review_revisions v JOIN reviews r ON r.id = v.review_id
      WHERE r.crate_name = ${crateName} AND v.created_at >= ${baselineStart} AND v.created_at <= ${now}
      UNION ALL
      SELECT h.created_at FROM review_votes h JOIN reviews r ON r.id = h.review_id
      WHERE r.crate_name = ${crateName} AND h.created_at >= ${baselineStart} AND h.created_at <= ${now}
    )
    SELECT count(*) FILTER (WHERE at >= ${from})::int AS recent,
           count(*) FILTER (WHERE at < ${windowStart})::int AS before
    FROM events`;
  const recent = counts?.recent ?? 0;
  const baseline = (counts?.before ?? 0) / baselineDays;
  const threshold = burstThreshold(baseline);
  const check = { recent, baseline, threshold, frozen: false };
  if (recent < threshold) return check;
  if (await activeFreeze(db, crateName)) return { ...check, frozen: true };

  const reason = `Burst: ${recent} review saves and votes in 24 hours against a baseline of ${baseline.toFixed(1)} a day (freezes at ${threshold.toFixed(0)}).`;
  // The partial unique index allows one active freeze per crate; a concurrent
  // save that froze it first wins and this one adds nothing.
  const inserted = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO rating_freezes (crate_name, reason, frozen_at) VALUES (${crateName}, ${reason}, ${now})
    ON CONFLICT DO NOTHING RETURNING id`;
  if (inserted.length === 0) return { ...check, frozen: true };
  await db.moderationLog.create({ data: { actorId: null, action: "freeze_ratings", subject: `crate:${crateName}`, reason, createdAt: now } });
  await writeCrateRatings(db, crateName, { now, asOf: from });
  return { ...check, frozen: true };
}
