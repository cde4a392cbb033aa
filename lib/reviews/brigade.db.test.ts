import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { PrismaClient } from "../generated/prisma/client";
import { burstThreshold } from "./detect-burst";
import { getCrateRatings } from "./get-crate-ratings";
import { listModerationQueue } from "./list-moderation-queue";
import { moderateReview } from "./moderate-review";
import { releaseRatingFreeze } from "./release-rating-freeze";
import { context, createTestUser, dayMs, defaultVersion, later, minuteMs, reviewInput, t0 } from "./review-test-fixtures";
import type { CrateRatingsView } from "./review-views";
import { saveReview } from "./save-review";
import { voteReview } from "./vote-review";

const slow = { timeout: 240_000 };

/** Ten old accounts rate the crate 5 stars over the 60 days before t0 (a review every 6 days). */
async function fiveStarHistory(db: PrismaClient, crateName: string): Promise<void> {
  const version = await defaultVersion(db, crateName);
  for (let i = 0; i < 10; i++) {
    const at = later(t0, -(60 - 6 * i) * dayMs);
    const user = await createTestUser(db, { at, ageDays: 400 });
    await saveReview(db, user, reviewInput(crateName, version, { overall: 5, documentation: 5, body: `Five stars, review ${i}.` }), context(at));
  }
}

/** Forty accounts made the day before they each post a 1-star review at `when(i)`. */
async function oneStarSocks(db: PrismaClient, crateName: string, when: (i: number) => Date): Promise<number[]> {
  const version = await defaultVersion(db, crateName);
  const ids: number[] = [];
  for (let i = 0; i < 40; i++) {
    const at = when(i);
    const sock = await createTestUser(db, { at, ageDays: 1 });
    ids.push((await saveReview(db, sock, reviewInput(crateName, version, { overall: 1, documentation: 1, body: `Terrible crate #${i}.` }), context(at))).review.id);
  }
  return ids;
}

const aggregatesOf = (view: CrateRatingsView) => view.criteria.map(({ criterion, count, mean, score, histogram }) => ({ criterion, count, mean, score, histogram }));

describe("a burst of 1-star reviews within an hour", () => {
  const database = useTestPrisma({ seeded: true });

  it(
    "freezes the crate's aggregates at their pre-burst value, flags it for moderators, and a release recomputes them",
    slow,
    async () => {
      const db = database.prisma;
      await fiveStarHistory(db, "serde");
      const before = await getCrateRatings(db, "serde");
      expect(before.criteria[0]).toMatchObject({ criterion: "overall", count: 10, score: 5 });

      const socks = await oneStarSocks(db, "serde", (i) => later(t0, i * 90_000));
      const frozen = await getCrateRatings(db, "serde");
      expect(aggregatesOf(frozen)).toEqual(aggregatesOf(before));
      expect(frozen.reviewCount).toBe(50);
      expect(frozen.frozen?.since).toEqual(later(t0, 9 * 90_000));
      expect(frozen.frozen?.reason).toMatch(/^Burst: 10 review saves and votes in 24 hours against a baseline of 0\.2 a day/);

      const log = await db.moderationLog.findMany({ where: { action: "freeze_ratings" } });
      expect(log).toEqual([expect.objectContaining({ actorId: null, subject: "crate:serde", createdAt: later(t0, 9 * 90_000) })]);
      const moderator = await createTestUser(db, { role: "moderator" });
      expect((await listModerationQueue(db, moderator)).freezes).toEqual([{ crateName: "serde", reason: frozen.frozen!.reason, frozenAt: frozen.frozen!.since }]);
      // Each sock's review counts a quarter (new accounts).
      expect(new Set((await db.review.findMany({ where: { id: { in: socks } }, select: { weight: true } })).map((r) => r.weight))).toEqual(new Set([0.25]));

      // The moderator hides the brigade and releases the freeze: aggregates from what is left.
      const releaseAt = later(t0, 2 * 60 * minuteMs);
      for (const id of socks) await moderateReview(db, moderator, { reviewId: id, action: "hide", reason: "Brigade." }, { now: releaseAt });
      await releaseRatingFreeze(db, moderator, { crateName: "Serde", reason: "Brigade hidden." }, { now: releaseAt });
      const released = await getCrateRatings(db, "serde");
      expect(released.frozen).toBeNull();
      expect(released.reviewCount).toBe(10);
      expect(released.criteria[0]).toMatchObject({ count: 10, mean: 5, histogram: [0, 0, 0, 0, 10] });
      expect((await db.moderationLog.findFirstOrThrow({ where: { action: "unfreeze_ratings" } })).actorId).toBe(moderator.id);

      // The burst before the release does not freeze the crate again on the next organic review.
      const late = await createTestUser(db, { ageDays: 100 });
      await saveReview(db, late, reviewInput("serde", await defaultVersion(db, "serde"), { overall: 4 }), context(later(releaseAt, 10 * minuteMs)));
      const after = await getCrateRatings(db, "serde");
      expect(after.frozen).toBeNull();
      expect(after.criteria[0]!.count).toBe(11);
    },
  );
});

describe("the same forty 1-star reviews spread over 60 days", () => {
  const database = useTestPrisma({ seeded: true });

  it(
    "never freeze; the new accounts' quarter weights keep the score from collapsing",
    slow,
    async () => {
      const db = database.prisma;
      await fiveStarHistory(db, "tokio");
      await oneStarSocks(db, "tokio", (i) => later(t0, i * 1.5 * dayMs));
      expect(await db.ratingFreeze.count()).toBe(0);
      const ratings = await getCrateRatings(db, "tokio");
      expect(ratings.frozen).toBeNull();
      const overall = ratings.criteria[0]!;
      expect(overall.count).toBe(50);
      expect(overall.histogram).toEqual([40, 0, 0, 0, 10]);
      // Weighted: (10 x 5 + 40 x 0.25 x 1) / (10 + 10) = 3, not the 1.8 an unweighted mean gives.
      expect(overall.mean).toBeCloseTo(3, 10);
    },
  );
});

describe("organic traffic on a popular crate", () => {
  const database = useTestPrisma({ seeded: true });

  it(
    "does not freeze under its usual volume (a baseline of 20 events a day), but does at five times it",
    slow,
    async () => {
      const db = database.prisma;
      const version = await defaultVersion(db, "hyper");
      // Twenty old reviews and thirty regular voters, each voting every review
      // once over the 29 days before yesterday: 600 events, 20 a day in the 30-day baseline.
      const authors = await Promise.all(Array.from({ length: 20 }, () => createTestUser(db, { ageDays: 400 })));
      const reviewIds: number[] = [];
      for (const [i, author] of authors.entries()) {
        const at = later(t0, -(90 + i) * dayMs);
        reviewIds.push((await saveReview(db, author, reviewInput("hyper", version, { overall: 4 + (i % 2) }), context(at))).review.id);
      }
      const voters = await Promise.all(Array.from({ length: 30 }, () => createTestUser(db, { ageDays: 400 })));
      const baselineVotes = voters.flatMap((voter, v) =>
        reviewIds.map((reviewId, r) => ({ reviewId, userId: voter.id, createdAt: later(t0, -dayMs - ((v * 20 + r) / 600) * 29 * dayMs - minuteMs) })),
      );
      await db.reviewVote.createMany({ data: baselineVotes });

      // Today: 20 new reviews and 20 votes, 40 events, well under 5 x 20 = 100.
      const today = await Promise.all(Array.from({ length: 20 }, () => createTestUser(db, { ageDays: 200 })));
      for (const [i, user] of today.entries()) {
        const at = later(t0, i * 30 * minuteMs);
        const { review } = await saveReview(db, user, reviewInput("hyper", version, { overall: 3 + (i % 3) }), context(at));
        const voter = await createTestUser(db, { ageDays: 200 });
        await voteReview(db, voter, { reviewId: review.id, helpful: true }, context(later(at, minuteMs)));
      }
      expect(await db.ratingFreeze.count()).toBe(0);
      expect((await getCrateRatings(db, "hyper")).criteria[0]!.count).toBe(40);

      // 60 more votes today (simulated in bulk) and one through the site: 101 >= 100.
      const crowd = await Promise.all(Array.from({ length: 60 }, () => createTestUser(db, { ageDays: 200 })));
      await db.reviewVote.createMany({ data: crowd.map((user, i) => ({ reviewId: reviewIds[i % 20]!, userId: user.id, createdAt: later(t0, 10 * 60 * minuteMs + i * minuteMs) })) });
      const last = await createTestUser(db, { ageDays: 200 });
      await voteReview(db, last, { reviewId: reviewIds[0]!, helpful: true }, context(later(t0, 12 * 60 * minuteMs)));
      const freeze = await db.ratingFreeze.findFirstOrThrow({ where: { crateName: "hyper" } });
      expect(freeze.reason).toMatch(/^Burst: 101 review saves and votes in 24 hours against a baseline of 20\.0 a day \(freezes at 100\)/);
    },
  );
});

describe("burstThreshold", () => {
  it("is at least 10 events, else five times the daily baseline", () => {
    expect(burstThreshold(0)).toBe(10);
    expect(burstThreshold(2)).toBe(10);
    expect(burstThreshold(3)).toBe(15);
    expect(burstThreshold(20)).toBe(100);
  });
});
