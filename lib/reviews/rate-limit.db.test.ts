import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { enforceRateLimit, RateLimitedError, rateLimits } from "./rate-limit";
import { reportReview } from "./report-review";
import { context, createTestUser, dayMs, defaultVersion, expectUserError, later, minuteMs, reviewInput, t0, userDataCounts } from "./review-test-fixtures";
import { saveReview } from "./save-review";
import { voteReview } from "./vote-review";

describe("rate limits", () => {
  const database = useTestPrisma({ seeded: true });
  let version: string;

  beforeAll(async () => {
    version = await defaultVersion(database.prisma, "serde");
  });

  it("has the documented numbers", () => {
    expect(rateLimits).toEqual({
      review_save: { perUser: 10, perIp: 30, what: "review saves" },
      vote: { perUser: 60, perIp: 120, what: "votes" },
      report: { perUser: 20, perIp: 40, what: "reports" },
      usage_report: { perUser: 30, perIp: 60, what: "usage report uploads" },
      api_token: { perUser: 10, perIp: 30, what: "new API tokens" },
    });
  });

  it("refuses the 11th review save in an hour with a 429 saying when to retry, from any IP", async () => {
    const db = database.prisma;
    const user = await createTestUser(db);
    for (let i = 0; i < 10; i++) {
      await saveReview(db, user, reviewInput("serde", version, { body: `edit ${i}` }), context(later(t0, i * minuteMs), "192.0.2.1"));
    }
    const before = await userDataCounts(db);
    const error = await expectUserError(saveReview(db, user, reviewInput("serde", version, { body: "edit 10" }), context(later(t0, 40 * minuteMs), "192.0.2.1")), "rate_limited");
    expect(error.status).toBe(429);
    expect(error.message).toBe("Too many review saves from this account: the limit is 10 an hour. Try again in 20 minutes (after 13:00 UTC).");
    expect((error as RateLimitedError).retryAt).toEqual(later(t0, 60 * minuteMs));
    // Another network does not help: the limit is per account too.
    await expectUserError(saveReview(db, user, reviewInput("serde", version, { body: "edit 11" }), context(later(t0, 41 * minuteMs), "203.0.113.9")), "rate_limited");
    expect(await userDataCounts(db)).toEqual(before);
    // The next hour is a new window.
    const next = await saveReview(db, user, reviewInput("serde", version, { body: "edit 12" }), context(later(t0, 61 * minuteMs), "192.0.2.1"));
    expect(next.review.ratings.overall).toBe(5);
  });

  it("counts refused and invalid attempts too", async () => {
    const db = database.prisma;
    const user = await createTestUser(db);
    for (let i = 0; i < 10; i++) await expectUserError(saveReview(db, user, reviewInput("serde", version, { overall: 0 }), context()), "invalid");
    await expectUserError(saveReview(db, user, reviewInput("serde", version), context()), "rate_limited");
    await expectUserError(saveReview(db, user, reviewInput("serde", version), context()), "rate_limited");
    const counter = await db.rateLimitCounter.findFirstOrThrow({ where: { key: `review_save:user:${user.id}` } });
    expect(counter).toMatchObject({ windowStart: t0, count: 12 });
  });

  it("limits an IP address to 30 review saves an hour, across accounts", async () => {
    const db = database.prisma;
    const ip = "198.51.100.77";
    const users = await Promise.all(Array.from({ length: 31 }, () => createTestUser(db)));
    for (const user of users.slice(0, 30)) await saveReview(db, user, reviewInput("serde", version), context(t0, ip));
    const error = await expectUserError(saveReview(db, users[30]!, reviewInput("serde", version), context(t0, ip)), "rate_limited");
    expect(error.message).toMatch(/^Too many review saves from your network \(IP address\): the limit is 30 an hour\./);
    // The same account from elsewhere is fine.
    expect((await saveReview(db, users[30]!, reviewInput("serde", version), context(t0, "198.51.100.78"))).created).toBe(true);
  });

  it("does not lump visitors of unknown IP together (the per-account limit still holds)", async () => {
    const db = database.prisma;
    for (let i = 0; i < 35; i++) await enforceRateLimit(db, "review_save", `someone-${i}`, { ip: "unknown", now: t0 });
    expect(await db.rateLimitCounter.count({ where: { key: { startsWith: "review_save:ip:unknown" } } })).toBe(0);
  });

  it("limits votes to 60 an hour per account and 120 per IP", async () => {
    const db = database.prisma;
    const author = await createTestUser(db);
    const { review } = await saveReview(db, author, reviewInput("tokio", await defaultVersion(db, "tokio")), context());
    const voter = await createTestUser(db);
    // Toggling on and off: 60 votes go through, the 61st is refused.
    for (let i = 0; i < 60; i++) await voteReview(db, voter, { reviewId: review.id, helpful: i % 2 === 0 }, context(t0, "192.0.2.50"));
    await expectUserError(voteReview(db, voter, { reviewId: review.id, helpful: true }, context(t0, "192.0.2.51")), "rate_limited");
    // 60 more from another account on the same IP reach 120; the next is refused.
    const second = await createTestUser(db);
    for (let i = 0; i < 60; i++) await enforceRateLimit(db, "vote", second.id, { ip: "192.0.2.50", now: t0 });
    const third = await createTestUser(db);
    const error = await expectUserError(voteReview(db, third, { reviewId: review.id, helpful: true }, context(t0, "192.0.2.50")), "rate_limited");
    expect(error.message).toMatch(/from your network \(IP address\): the limit is 120 an hour/);
  });

  it("limits reports to 20 an hour per account and 40 per IP", async () => {
    const db = database.prisma;
    const reporter = await createTestUser(db);
    for (let i = 0; i < 20; i++) await enforceRateLimit(db, "report", reporter.id, { ip: "192.0.2.60", now: t0 });
    const error = await expectUserError(reportReview(db, reporter, { reviewId: 1, reason: "spam" }, context(t0, "192.0.2.61")), "rate_limited");
    expect(error.message).toMatch(/Too many reports from this account: the limit is 20 an hour/);
    const other = await createTestUser(db);
    for (let i = 0; i < 20; i++) await enforceRateLimit(db, "report", other.id, { ip: "192.0.2.60", now: t0 });
    const third = await createTestUser(db);
    await expectUserError(reportReview(db, third, { reviewId: 1, reason: "spam" }, context(t0, "192.0.2.60")), "rate_limited");
  });

  it("prunes windows older than a day when an account starts a new window", async () => {
    const db = database.prisma;
    await db.rateLimitCounter.create({ data: { key: "vote:user:ancient", windowStart: later(t0, -3 * dayMs), count: 5 } });
    const user = await createTestUser(db);
    await enforceRateLimit(db, "vote", user.id, { ip: "unknown", now: t0 });
    expect(await db.rateLimitCounter.count({ where: { key: "vote:user:ancient" } })).toBe(0);
    expect(await db.rateLimitCounter.count({ where: { windowStart: t0 } })).toBeGreaterThan(0);
  });
});
