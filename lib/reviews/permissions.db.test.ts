import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { Actor } from "../auth/actor";
import { dismissReports } from "./dismiss-reports";
import { listModerationLog } from "./list-moderation-log";
import { listModerationQueue } from "./list-moderation-queue";
import { moderateReview } from "./moderate-review";
import { releaseRatingFreeze } from "./release-rating-freeze";
import { reportReview } from "./report-review";
import { context, createTestUser, defaultVersion, expectUserError, reviewInput, t0, userDataCounts } from "./review-test-fixtures";
import { saveReview } from "./save-review";
import { voteReview } from "./vote-review";

// Every mutation tried as anonymous, as the review's author, as another user,
// a curator, a moderator and an admin. A refusal stores nothing.
describe("permissions of every review mutation", () => {
  const database = useTestPrisma({ seeded: true });
  let author: Actor;
  let other: Actor;
  let curator: Actor;
  let moderator: Actor;
  let admin: Actor;
  let reviewId: number;
  let version: string;

  beforeAll(async () => {
    const db = database.prisma;
    author = await createTestUser(db, { name: "Author" });
    other = await createTestUser(db, { name: "Other" });
    curator = await createTestUser(db, { role: "curator" });
    moderator = await createTestUser(db, { role: "moderator" });
    admin = await createTestUser(db, { role: "admin" });
    version = await defaultVersion(db, "serde");
    reviewId = (await saveReview(db, author, reviewInput("serde", version), context())).review.id;
  });

  /** Expects a refusal of `kind` that leaves every table as it was. */
  async function refused(attempt: () => Promise<unknown>, kind: "unauthenticated" | "forbidden") {
    const before = await userDataCounts(database.prisma);
    const error = await expectUserError(attempt(), kind);
    expect(error.status).toBe(kind === "unauthenticated" ? 401 : 403);
    expect(await userDataCounts(database.prisma)).toEqual(before);
  }

  it("saveReview: anonymous 401; anyone signed in writes only their own review", async () => {
    const db = database.prisma;
    await refused(() => saveReview(db, null, reviewInput("serde", version), context()), "unauthenticated");
    for (const actor of [other, moderator, admin]) {
      const { review, created } = await saveReview(db, actor, reviewInput("serde", version, { body: `mine, ${actor.id}` }), context());
      expect(created).toBe(true);
      expect(review.author.id).toBe(actor.id);
    }
    // Nobody's save touches the author's review.
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).body).toMatch(/^Solid crate/);
    expect(await db.reviewRevision.count({ where: { reviewId } })).toBe(1);
  });

  it("voteReview: anonymous 401, own review 403, others may", async () => {
    const db = database.prisma;
    await refused(() => voteReview(db, null, { reviewId, helpful: true }, context()), "unauthenticated");
    const own = await expectUserError(voteReview(db, author, { reviewId, helpful: true }, context()), "forbidden");
    expect(own.message).toBe("You cannot vote on your own review.");
    await refused(() => voteReview(db, author, { reviewId, helpful: true }, context()), "forbidden");
    for (const actor of [other, curator, moderator, admin]) {
      expect((await voteReview(db, actor, { reviewId, helpful: true }, context())).votedByViewer).toBe(true);
    }
    expect(await db.reviewVote.count({ where: { reviewId } })).toBe(4);
  });

  it("reportReview: anonymous 401, own review 403, others may", async () => {
    const db = database.prisma;
    await refused(() => reportReview(db, null, { reviewId, reason: "spam" }, context()), "unauthenticated");
    await refused(() => reportReview(db, author, { reviewId, reason: "spam" }, context()), "forbidden");
    for (const actor of [other, curator, moderator, admin]) await reportReview(db, actor, { reviewId, reason: "misleading" }, context());
    expect(await db.reviewReport.count({ where: { reviewId } })).toBe(4);
  });

  it("dismissReports: anonymous 401, users and curators 403, moderators and admins may", async () => {
    const db = database.prisma;
    const input = { reviewId, reason: "Reports are about taste, not abuse." };
    await refused(() => dismissReports(db, null, input), "unauthenticated");
    for (const actor of [author, other, curator]) await refused(() => dismissReports(db, actor, input), "forbidden");
    await dismissReports(db, moderator, input, { now: t0 });
    expect(await db.reviewReport.count({ where: { reviewId, resolvedAt: null } })).toBe(0);
    await db.reviewReport.updateMany({ where: { reviewId }, data: { resolvedAt: null, resolvedById: null } });
    await dismissReports(db, admin, input, { now: t0 });
    expect(await db.reviewReport.count({ where: { reviewId, resolvedById: admin.id } })).toBe(4);
  });

  it("moderateReview: anonymous 401, users (the author too) and curators 403, moderators and admins may", async () => {
    const db = database.prisma;
    const hide = { reviewId, action: "hide", reason: "Spam link." };
    await refused(() => moderateReview(db, null, hide), "unauthenticated");
    for (const actor of [author, other, curator]) await refused(() => moderateReview(db, actor, hide), "forbidden");
    await moderateReview(db, moderator, hide);
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe("hidden");
    await moderateReview(db, admin, { reviewId, action: "restore", reason: "Link was fine." });
    expect((await db.review.findUniqueOrThrow({ where: { id: reviewId } })).status).toBe("published");
  });

  it("releaseRatingFreeze: anonymous 401, users and curators 403, moderators and admins may", async () => {
    const db = database.prisma;
    const input = { crateName: "serde", reason: "Checked: organic interest after a release." };
    await db.ratingFreeze.create({ data: { crateName: "serde", reason: "test freeze", frozenAt: t0 } });
    await refused(() => releaseRatingFreeze(db, null, input), "unauthenticated");
    for (const actor of [author, other, curator]) await refused(() => releaseRatingFreeze(db, actor, input), "forbidden");
    await releaseRatingFreeze(db, moderator, input);
    await db.ratingFreeze.create({ data: { crateName: "serde", reason: "test freeze", frozenAt: t0 } });
    await releaseRatingFreeze(db, admin, input);
    expect(await db.ratingFreeze.count({ where: { crateName: "serde", releasedAt: null } })).toBe(0);
  });

  it("the moderation queue and log: anonymous 401, users and curators 403", async () => {
    const db = database.prisma;
    await expectUserError(listModerationQueue(db, null), "unauthenticated");
    await expectUserError(listModerationLog(db, null, { page: 1 }), "unauthenticated");
    for (const actor of [author, other, curator]) {
      await expectUserError(listModerationQueue(db, actor), "forbidden");
      await expectUserError(listModerationLog(db, actor, { page: 1 }), "forbidden");
    }
    for (const actor of [moderator, admin]) {
      expect((await listModerationLog(db, actor, { page: 1 })).total).toBeGreaterThan(0);
      expect(await listModerationQueue(db, actor)).toHaveProperty("reported");
    }
  });
});
