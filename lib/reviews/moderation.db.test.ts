import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { Actor } from "../auth/actor";
import { dismissReports } from "./dismiss-reports";
import { getCrateRatings } from "./get-crate-ratings";
import { listModerationLog } from "./list-moderation-log";
import { listModerationQueue } from "./list-moderation-queue";
import { moderateReview } from "./moderate-review";
import { releaseRatingFreeze } from "./release-rating-freeze";
import { reportReview } from "./report-review";
import { context, createTestUser, defaultVersion, expectUserError, later, minuteMs, reviewInput, t0, userDataCounts } from "./review-test-fixtures";
import { saveReview } from "./save-review";

describe("moderation", () => {
  const database = useTestPrisma({ seeded: true });
  let moderator: Actor;
  let version: string;

  beforeAll(async () => {
    moderator = await createTestUser(database.prisma, { role: "moderator", name: "Mod Erator" });
    version = await defaultVersion(database.prisma, "reqwest");
  });

  it("hides a review with a reason: reports resolved, logged, aggregates without it; restore brings it back", async () => {
    const db = database.prisma;
    const good = await createTestUser(db);
    const spammer = await createTestUser(db);
    await saveReview(db, good, reviewInput("reqwest", version, { overall: 5 }), context());
    const spam = (await saveReview(db, spammer, reviewInput("reqwest", version, { overall: 1, body: "buy followers at spam.example" }), context())).review;
    const reporters = [await createTestUser(db), await createTestUser(db)];
    for (const reporter of reporters) await reportReview(db, reporter, { reviewId: spam.id, reason: "spam" }, context(later(t0, minuteMs)));
    expect((await getCrateRatings(db, "reqwest")).criteria[0]!.histogram).toEqual([1, 0, 0, 0, 1]);

    const queue = await listModerationQueue(db, moderator);
    const entry = queue.reported.find((r) => r.review.id === spam.id)!;
    expect(entry.reports).toHaveLength(2);
    expect(entry.reports[0]).toMatchObject({ reason: "spam", details: null, reporter: { id: reporters[0]!.id, name: reporters[0]!.name } });
    expect(JSON.stringify(queue)).not.toContain("@example.test");

    await moderateReview(db, moderator, { reviewId: spam.id, action: "hide", reason: "  Advertising.  " }, { now: later(t0, 2 * minuteMs) });
    const hidden = await db.review.findUniqueOrThrow({ where: { id: spam.id } });
    expect(hidden.status).toBe("hidden");
    expect(hidden.updatedAt).toEqual(t0);
    expect(await db.reviewReport.count({ where: { reviewId: spam.id, resolvedAt: null } })).toBe(0);
    expect(await db.reviewReport.count({ where: { reviewId: spam.id, resolvedById: moderator.id } })).toBe(2);
    expect((await listModerationQueue(db, moderator)).reported.map((r) => r.review.id)).not.toContain(spam.id);
    const ratings = await getCrateRatings(db, "reqwest");
    expect(ratings.reviewCount).toBe(1);
    expect(ratings.criteria[0]!.histogram).toEqual([0, 0, 0, 0, 1]);

    const [logged] = (await listModerationLog(db, moderator, { page: 1 })).entries;
    expect(logged).toMatchObject({ actor: { id: moderator.id, name: "Mod Erator" }, action: "hide_review", subject: `review:${spam.id}`, reason: "Advertising." });

    await expectUserError(moderateReview(db, moderator, { reviewId: spam.id, action: "hide", reason: "again" }), "conflict");
    await moderateReview(db, moderator, { reviewId: spam.id, action: "restore", reason: "Appeal accepted." }, { now: later(t0, 3 * minuteMs) });
    expect((await getCrateRatings(db, "reqwest")).criteria[0]!.histogram).toEqual([1, 0, 0, 0, 1]);
    expect((await listModerationLog(db, moderator, { page: 1 })).entries[0]).toMatchObject({ action: "restore_review", reason: "Appeal accepted." });
    await expectUserError(moderateReview(db, moderator, { reviewId: spam.id, action: "restore", reason: "again" }), "conflict");
  });

  it("refuses moderation without a reason, with an unknown action or review, storing nothing", async () => {
    const db = database.prisma;
    const author = await createTestUser(db);
    const { review } = await saveReview(db, author, reviewInput("reqwest", version), context());
    const before = await userDataCounts(db);
    const noReason = await expectUserError(moderateReview(db, moderator, { reviewId: review.id, action: "hide", reason: "   " }), "invalid");
    expect(noReason.fields.reason).toMatch(/Give a reason/);
    await expectUserError(moderateReview(db, moderator, { reviewId: review.id, action: "delete", reason: "x" }), "invalid");
    await expectUserError(moderateReview(db, moderator, { reviewId: 987_654, action: "hide", reason: "x" }), "not_found");
    await expectUserError(dismissReports(db, moderator, { reviewId: review.id, reason: "x" }), "not_found");
    await expectUserError(dismissReports(db, moderator, { reviewId: review.id }), "invalid");
    await expectUserError(releaseRatingFreeze(db, moderator, { crateName: "reqwest", reason: "x" }), "not_found");
    expect(await userDataCounts(db)).toEqual(before);
  });

  it("dismisses open reports without hiding, and logs it", async () => {
    const db = database.prisma;
    const author = await createTestUser(db);
    const { review } = await saveReview(db, author, reviewInput("reqwest", version), context());
    const reporter = await createTestUser(db);
    await reportReview(db, reporter, { reviewId: review.id, reason: "misleading", details: "Not my experience." }, context());
    await dismissReports(db, moderator, { reviewId: review.id, reason: "A matter of opinion." }, { now: later(t0, 10 * minuteMs) });
    expect((await db.review.findUniqueOrThrow({ where: { id: review.id } })).status).toBe("published");
    expect(await db.reviewReport.count({ where: { reviewId: review.id, resolvedAt: null } })).toBe(0);
    expect((await listModerationLog(db, moderator, { page: 1 })).entries[0]).toMatchObject({
      action: "dismiss_report",
      subject: `review:${review.id}`,
      reason: "1 report dismissed: A matter of opinion.",
    });
    // The reporter cannot report it again.
    await expectUserError(reportReview(db, reporter, { reviewId: review.id, reason: "spam" }, context()), "conflict");
  });

  it("pages the log 20 at a time, newest first, showing names and never emails", async () => {
    const db = database.prisma;
    const anonymous = await createTestUser(db, { name: null, role: "moderator" });
    await db.moderationLog.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({ actorId: anonymous.id, action: "hide_review", subject: `review:${1000 + i}`, reason: `r${i}`, createdAt: later(t0, (i + 100) * minuteMs) })),
    });
    const first = await listModerationLog(db, moderator, { page: 1 });
    const second = await listModerationLog(db, moderator, { page: 2 });
    expect(first.entries).toHaveLength(20);
    expect(first.total).toBe(second.total);
    expect(first.entries[0]).toMatchObject({ reason: "r24", actor: { id: anonymous.id, name: `user-${anonymous.id.slice(0, 6)}` } });
    expect(second.entries.length).toBe(first.total - 20);
    expect((await listModerationLog(db, moderator, { page: 99 })).entries).toEqual([]);
    expect(JSON.stringify([first, second])).not.toContain("@example.test");
  });
});
