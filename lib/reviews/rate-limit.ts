import { Prisma } from "../generated/prisma/client";
import { UserError } from "../user-error";
import type { Db } from "./db-types";
import { contextNow, type RequestContext } from "./request-context";

/** Writes per hour, per account and per IP address (lib/reviews/README.md). */
export const rateLimits = {
  review_save: { perUser: 10, perIp: 30, what: "review saves" },
  vote: { perUser: 60, perIp: 120, what: "votes" },
  report: { perUser: 20, perIp: 40, what: "reports" },
  usage_report: { perUser: 30, perIp: 60, what: "usage report uploads" },
  api_token: { perUser: 10, perIp: 30, what: "new API tokens" },
} as const;

export type RateLimitedAction = keyof typeof rateLimits;

export const rateLimitWindowMs = 60 * 60 * 1000;

/** Counter rows older than this are deleted when a new window starts. */
const pruneAfterMs = 24 * 60 * 60 * 1000;

/** A 429 that also says when the window ends (for a Retry-After header). */
export class RateLimitedError extends UserError {
  readonly retryAt: Date;

  constructor(message: string, retryAt: Date) {
    super("rate_limited", message);
    this.retryAt = retryAt;
  }
}

/**
 * Counts one attempt at `action` for the account and for the IP address in
 * the current fixed one-hour window, and refuses it (429) when either count
 * is over its limit. Called first, before validation, and committed on its
 * own (not in the mutation's transaction): every attempt counts, refused and
 * invalid ones too, so hammering a form does not get around the limit.
 * An IP of "unknown" (no trusted proxy header) is not counted: it would lump
 * every visitor into one bucket; the per-account limit still applies.
 */
export async function enforceRateLimit(db: Db, action: RateLimitedAction, userId: string, context: RequestContext): Promise<void> {
  const now = contextNow(context);
  const windowStart = new Date(Math.floor(now.getTime() / rateLimitWindowMs) * rateLimitWindowMs);
  const limits = rateLimits[action];
  const userKey = `${action}:user:${userId}`;
  const ip = context.ip.trim();
  const keys = [userKey];
  if (ip && ip !== "unknown") keys.push(`${action}:ip:${ip}`);

  const rows = await db.$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO rate_limit_counters (key, window_start, count)
    VALUES ${Prisma.join(keys.map((key) => Prisma.sql`(${key}, ${windowStart}, 1)`))}
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
    RETURNING key, count`;

  // A new window for this account: a cheap moment to drop dead windows.
  if (rows.some((row) => row.key === userKey && row.count === 1)) {
    await db.rateLimitCounter.deleteMany({ where: { windowStart: { lt: new Date(windowStart.getTime() - pruneAfterMs) } } });
  }

  const retryAt = new Date(windowStart.getTime() + rateLimitWindowMs);
  for (const row of rows) {
    const byUser = row.key === userKey;
    const limit = byUser ? limits.perUser : limits.perIp;
    if (row.count <= limit) continue;
    const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
    const from = byUser ? "this account" : "your network (IP address)";
    throw new RateLimitedError(
      `Too many ${limits.what} from ${from}: the limit is ${limit} an hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (after ${retryAt.toISOString().slice(11, 16)} UTC).`,
      retryAt,
    );
  }
}
