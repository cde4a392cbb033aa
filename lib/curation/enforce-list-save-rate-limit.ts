import { RateLimitedError, rateLimitWindowMs } from "../reviews/rate-limit";
import type { Db } from "../reviews/db-types";

/** Saves (and reverts, and creations) of filter lists per account per hour. */
export const LIST_SAVES_PER_HOUR = 60;
/** Previews per account per hour: each one evaluates the list over every crate (seconds at full scale). */
export const LIST_PREVIEWS_PER_HOUR = 120;

/**
 * Counts one save attempt by `userId` in the current one-hour window of
 * rate_limit_counters (the table and error lib/reviews/rate-limit.ts uses;
 * its enforceRateLimit knows only review actions) and refuses it past the limit.
 */
export async function enforceListSaveRateLimit(db: Db, userId: string, now: Date = new Date(), action: "save" | "preview" = "save"): Promise<void> {
  const limit = action === "save" ? LIST_SAVES_PER_HOUR : LIST_PREVIEWS_PER_HOUR;
  const windowStart = new Date(Math.floor(now.getTime() / rateLimitWindowMs) * rateLimitWindowMs);
  const rows = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_counters (key, window_start, count)
    VALUES (${`filter_list_${action}:user:${userId}`}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
    RETURNING count`;
  if ((rows[0]?.count ?? 0) <= limit) return;
  const retryAt = new Date(windowStart.getTime() + rateLimitWindowMs);
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  throw new RateLimitedError(
    `Too many list ${action === "save" ? "saves" : "previews"} from this account: the limit is ${limit} an hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    retryAt,
  );
}
