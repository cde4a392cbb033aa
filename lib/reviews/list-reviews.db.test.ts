import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { Actor } from "../auth/actor";
import { listCrateReviews } from "./list-crate-reviews";
import { listReviewRevisions } from "./list-review-revisions";
import { listUserReviews } from "./list-user-reviews";
import { moderateReview } from "./moderate-review";
import { context, createTestUser, dayMs, defaultVersion, expectUserError, later, reviewInput, t0 } from "./review-test-fixtures";
import { saveReview } from "./save-review";
import { voteReview } from "./vote-review";

// Five reviews of hyper, saved a day apart, with helpful votes 0..3 spread
// so that each sort gives a different order; the third one is hidden.
describe("reading reviews", () => {
  const database = useTestPrisma({ seeded: true });
  const authors: Actor[] = [];
  const ids: number[] = [];
  let moderator: Actor;
  let hiddenId: number;

  beforeAll(async () => {
    const db = database.prisma;
    const version = await defaultVersion(db, "hyper");
    const overall = [3, 5, 1, 4, 2];
    const votes = [2, 0, 3, 1, 3];
    const voters = await Promise.all([1, 2, 3].map(() => createTestUser(db)));
    for (let i = 0; i < 5; i++) {
      const author = await createTestUser(db, { name: i === 4 ? null : `Author ${i}` });
      authors.push(author);
      const at = later(t0, i * dayMs);
      const { review } = await saveReview(db, author, reviewInput("hyper", version, { overall: overall[i], body: `review ${i}` }), context(at));
      ids.push(review.id);
      // Votes 15 minutes apart: the same voters within 10 minutes on 3 reviews would act in lockstep.
      for (const [k, voter] of voters.slice(0, votes[i]).entries()) {
        await voteReview(db, voter, { reviewId: review.id, helpful: true }, context(later(at, (k + 1) * 15 * 60_000)));
      }
    }
    moderator = await createTestUser(db, { role: "moderator" });
    hiddenId = ids[2]!;
    await moderateReview(db, moderator, { reviewId: hiddenId, action: "hide", reason: "test" }, { now: later(t0, 6 * dayMs) });
  });

  const order = async (sort: "helpful" | "recent" | "highest" | "lowest", viewer: Actor | null = null) =>
    (await listCrateReviews(database.prisma, "Hyper", { sort, page: 1, viewer })).reviews.map((r) => ids.indexOf(r.id));

  it("sorts by helpfulness, recency, highest and lowest rating (ties: most recent first)", async () => {
    expect(await order("helpful")).toEqual([4, 0, 3, 1]);
    expect(await order("recent")).toEqual([4, 3, 1, 0]);
    expect(await order("highest")).toEqual([1, 3, 0, 4]);
    expect(await order("lowest")).toEqual([4, 0, 3, 1]);
  });

  it("shows published reviews to everyone; hidden ones to moderators and their author, marked", async () => {
    const db = database.prisma;
    expect(await order("helpful", authors[0]!)).toEqual([4, 0, 3, 1]);
    expect(await order("helpful", moderator)).toEqual([4, 2, 0, 3, 1]);
    expect(await order("recent", authors[2]!)).toEqual([4, 3, 2, 1, 0]);
    const seen = await listCrateReviews(db, "hyper", { sort: "recent", page: 1, viewer: authors[2]! });
    expect(seen.total).toBe(5);
    expect(seen.reviews.find((r) => r.id === hiddenId)?.status).toBe("hidden");
    expect((await listCrateReviews(db, "hyper", { sort: "recent", page: 1, viewer: null })).total).toBe(4);
  });

  it("fills the views: names without emails, weighted helpfulness, the viewer's vote", async () => {
    const db = database.prisma;
    const { reviews } = await listCrateReviews(db, "hyper", { sort: "recent", page: 1, viewer: null });
    expect(reviews[0]!.author).toEqual({ id: authors[4]!.id, name: `user-${authors[4]!.id.slice(0, 6)}` });
    expect(reviews[1]!.author.name).toBe("Author 3");
    expect(reviews.map((r) => r.helpful)).toEqual([3, 1, 0, 2]);
    expect(reviews.every((r) => !r.votedByViewer)).toBe(true);
    expect(reviews[0]!.bodyHtml).toBe("<p>review 4</p>");
    expect(reviews[0]).not.toHaveProperty("body");
    expect(JSON.stringify(reviews)).not.toContain("@example.test");
  });

  it("pages: 10 by default, at most 50, an empty page past the end", async () => {
    const db = database.prisma;
    const page = (page: number, perPage?: number) => listCrateReviews(db, "hyper", { sort: "recent", page, perPage, viewer: null });
    expect(await page(1)).toMatchObject({ total: 4, page: 1, perPage: 10 });
    expect((await page(1, 1000)).perPage).toBe(50);
    const second = await page(2, 3);
    expect(second.reviews.map((r) => ids.indexOf(r.id))).toEqual([0]);
    expect(await page(3, 3)).toMatchObject({ reviews: [], total: 4, page: 3 });
    expect((await page(0)).page).toBe(1);
    expect((await listCrateReviews(db, "no-such-crate", { sort: "helpful", page: 1, viewer: null })).reviews).toEqual([]);
  });

  it("lists a user's reviews, hidden ones only for them and moderators", async () => {
    const db = database.prisma;
    const version = await defaultVersion(db, "serde");
    const prolific = authors[2]!;
    await saveReview(db, prolific, reviewInput("serde", version), context(later(t0, 7 * dayMs)));
    const forThem = await listUserReviews(db, prolific.id, { page: 1, viewer: prolific });
    expect(forThem.user).toEqual({ id: prolific.id, name: "Author 2", createdAt: prolific.createdAt });
    expect(forThem.reviews.map((r) => [r.crateName, r.status])).toEqual([
      ["serde", "published"],
      ["hyper", "hidden"],
    ]);
    expect((await listUserReviews(db, prolific.id, { page: 1, viewer: moderator })).total).toBe(2);
    const forOthers = await listUserReviews(db, prolific.id, { page: 1, viewer: null });
    expect(forOthers.total).toBe(1);
    expect(forOthers.reviews.map((r) => r.crateName)).toEqual(["serde"]);
    expect(await listUserReviews(db, "no-such-user", { page: 1, viewer: null })).toMatchObject({ user: null, reviews: [], total: 0 });
  });

  it("shows a hidden review's history only to its author and moderators", async () => {
    const db = database.prisma;
    expect(await listReviewRevisions(db, hiddenId, authors[2]!)).toHaveLength(1);
    expect(await listReviewRevisions(db, hiddenId, moderator)).toHaveLength(1);
    await expectUserError(listReviewRevisions(db, hiddenId, null), "not_found");
    await expectUserError(listReviewRevisions(db, hiddenId, authors[0]!), "not_found");
    expect(await listReviewRevisions(db, ids[0]!, null)).toHaveLength(1);
    await expectUserError(listReviewRevisions(db, "nope", null), "not_found");
    await expectUserError(listReviewRevisions(db, 424_242, null), "not_found");
  });
});
