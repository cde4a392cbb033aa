import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { Actor } from "../auth/actor";
import { listCrateReviews } from "./list-crate-reviews";
import { reportReview } from "./report-review";
import { context, createTestUser, defaultVersion, expectUserError, reviewInput, userDataCounts } from "./review-test-fixtures";
import { saveReview } from "./save-review";
import { voteReview } from "./vote-review";

describe("helpful votes and reports", () => {
  const database = useTestPrisma({ seeded: true });
  let author: Actor;
  let reviewId: number;

  beforeAll(async () => {
    const db = database.prisma;
    author = await createTestUser(db);
    reviewId = (await saveReview(db, author, reviewInput("tokio", await defaultVersion(db, "tokio")), context())).review.id;
  });

  it("toggles a vote on and off; repeating either changes nothing", async () => {
    const db = database.prisma;
    const voter = await createTestUser(db);
    expect(await voteReview(db, voter, { reviewId, helpful: true }, context())).toEqual({ helpful: 1, votedByViewer: true });
    expect(await voteReview(db, voter, { reviewId: String(reviewId), helpful: "true" }, context())).toEqual({ helpful: 1, votedByViewer: true });
    expect(await db.reviewVote.count({ where: { reviewId } })).toBe(1);
    const [view] = (await listCrateReviews(db, "tokio", { sort: "helpful", page: 1, viewer: voter })).reviews;
    expect(view).toMatchObject({ id: reviewId, helpful: 1, votedByViewer: true });
    expect(await voteReview(db, voter, { reviewId, helpful: false }, context())).toEqual({ helpful: 0, votedByViewer: false });
    expect(await voteReview(db, voter, { reviewId, helpful: "off" }, context())).toEqual({ helpful: 0, votedByViewer: false });
    expect(await db.reviewVote.count({ where: { reviewId } })).toBe(0);
  });

  it("sums vote weights: a vote from an account younger than 7 days counts 0.25", async () => {
    const db = database.prisma;
    const old = await createTestUser(db, { ageDays: 30 });
    const fresh = await createTestUser(db, { ageDays: 1 });
    await voteReview(db, old, { reviewId, helpful: true }, context());
    expect((await voteReview(db, fresh, { reviewId, helpful: true }, context())).helpful).toBe(1.25);
    expect((await db.reviewVote.findUniqueOrThrow({ where: { reviewId_userId: { reviewId, userId: fresh.id } } })).weight).toBe(0.25);
    await voteReview(db, old, { reviewId, helpful: false }, context());
    await voteReview(db, fresh, { reviewId, helpful: false }, context());
  });

  it("refuses votes on one's own review (403), unknown or hidden reviews (404) and bad input (422), storing nothing", async () => {
    const db = database.prisma;
    const voter = await createTestUser(db);
    const before = await userDataCounts(db);
    await expectUserError(voteReview(db, author, { reviewId, helpful: true }, context()), "forbidden");
    await expectUserError(voteReview(db, voter, { reviewId: 999_999, helpful: true }, context()), "not_found");
    await expectUserError(voteReview(db, voter, { reviewId: "abc", helpful: true }, context()), "invalid");
    await expectUserError(voteReview(db, voter, { reviewId: -1, helpful: true }, context()), "invalid");
    await expectUserError(voteReview(db, voter, { reviewId, helpful: "maybe" }, context()), "invalid");
    await expectUserError(voteReview(db, voter, { reviewId }, context()), "invalid");
    const hidden = (await saveReview(db, voter, reviewInput("tokio", await defaultVersion(db, "tokio"), { body: "to be hidden" }), context())).review.id;
    await db.review.update({ where: { id: hidden }, data: { status: "hidden" } });
    const other = await createTestUser(db);
    const afterHidden = await userDataCounts(db);
    await expectUserError(voteReview(db, other, { reviewId: hidden, helpful: true }, context()), "not_found");
    expect(await userDataCounts(db)).toEqual(afterHidden);
    expect(afterHidden.votes).toBe(before.votes);
  });

  it("takes one report per user per review (409 on the second), with a reason and details", async () => {
    const db = database.prisma;
    const reporter = await createTestUser(db);
    await reportReview(db, reporter, { reviewId, reason: "conflict_of_interest", details: "  The author maintains tokio.  " }, context());
    const report = await db.reviewReport.findUniqueOrThrow({ where: { reviewId_reporterId: { reviewId, reporterId: reporter.id } } });
    expect(report).toMatchObject({ reason: "conflict_of_interest", details: "The author maintains tokio.", resolvedAt: null });
    const before = await userDataCounts(db);
    const again = await expectUserError(reportReview(db, reporter, { reviewId, reason: "spam" }, context()), "conflict");
    expect(again.status).toBe(409);
    expect(again.message).toMatch(/already reported/);
    // Two reports racing each other: one wins, the other is the same 409.
    const racer = await createTestUser(db);
    const results = await Promise.allSettled([
      reportReview(db, racer, { reviewId, reason: "spam" }, context()),
      reportReview(db, racer, { reviewId, reason: "spam" }, context()),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.reviewReport.count()).toBe(before.reports + 1);
  });

  it("refuses bad reports: unknown reason, details over 1,000 characters, own review, no review", async () => {
    const db = database.prisma;
    const reporter = await createTestUser(db);
    const before = await userDataCounts(db);
    const reason = await expectUserError(reportReview(db, reporter, { reviewId, reason: "boring" }, context()), "invalid");
    expect(reason.fields.reason).toMatch(/Choose a reason/);
    const long = await expectUserError(reportReview(db, reporter, { reviewId, reason: "other", details: "x".repeat(1001) }, context()), "invalid");
    expect(long.fields.details).toMatch(/1,000 characters/);
    await expectUserError(reportReview(db, author, { reviewId, reason: "spam" }, context()), "forbidden");
    await expectUserError(reportReview(db, reporter, { reviewId: 123_456, reason: "spam" }, context()), "not_found");
    expect(await userDataCounts(db)).toEqual(before);
    // Empty details are no details; exactly 1,000 characters are fine.
    await reportReview(db, reporter, { reviewId, reason: "other", details: "x".repeat(1000) }, context());
    const other = await createTestUser(db);
    await reportReview(db, other, { reviewId, reason: "other", details: "   " }, context());
    expect((await db.reviewReport.findFirstOrThrow({ where: { reporterId: other.id } })).details).toBeNull();
  });
});
