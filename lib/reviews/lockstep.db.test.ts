import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { Actor } from "../auth/actor";
import { lockstepAction } from "./action-weight";
import { getCrateRatings } from "./get-crate-ratings";
import { listCrateReviews } from "./list-crate-reviews";
import { context, createTestUser, dayMs, defaultVersion, later, minuteMs, reviewInput, t0 } from "./review-test-fixtures";
import { saveReview } from "./save-review";
import { voteReview } from "./vote-review";

describe("accounts acting in lockstep", () => {
  const database = useTestPrisma({ seeded: true });
  const targets: number[] = [];

  beforeAll(async () => {
    const db = database.prisma;
    // Three reviews of different crates, written days before.
    for (const crate of ["serde", "tokio", "reqwest"]) {
      const author = await createTestUser(db);
      const at = later(t0, -3 * dayMs);
      targets.push((await saveReview(db, author, reviewInput(crate, await defaultVersion(db, crate)), context(at))).review.id);
    }
  });

  const voteWeights = async (userId: string) =>
    (await database.prisma.reviewVote.findMany({ where: { userId }, orderBy: { reviewId: "asc" }, select: { weight: true } })).map((v) => v.weight);

  it("discounts five socks voting the same three reviews within minutes, once, and leaves an honest voter alone", async () => {
    const db = database.prisma;
    const socks: Actor[] = [];
    for (let i = 0; i < 5; i++) socks.push(await createTestUser(db, { ageDays: 30 }));
    const honest = await createTestUser(db, { ageDays: 30 });
    // The socks vote one after the other, a minute apart, on each review in turn.
    let minute = 0;
    for (const [s, sock] of socks.entries()) {
      for (const reviewId of targets) {
        await voteReview(db, sock, { reviewId, helpful: true }, context(later(t0, minute++ * minuteMs)));
      }
      if (s === 0) {
        // One sock alone is not lockstep.
        expect(await voteWeights(sock.id)).toEqual([1, 1, 1]);
      }
    }
    // The honest voter happens to vote on one of the reviews at the same time.
    await voteReview(db, honest, { reviewId: targets[0]!, helpful: true }, context(later(t0, 5 * minuteMs)));

    for (const sock of socks) expect(await voteWeights(sock.id)).toEqual([0.1, 0.1, 0.1]);
    expect(await voteWeights(honest.id)).toEqual([1]);
    const logged = await db.moderationLog.findMany({ where: { action: lockstepAction } });
    expect(logged.map((l) => l.subject).sort()).toEqual(socks.map((s) => `user:${s.id}`).sort());
    expect(logged.every((l) => l.actorId === null)).toBe(true);

    // Helpfulness is the sum of weights: five socks count half a vote together.
    const serde = await listCrateReviews(db, "serde", { sort: "helpful", page: 1, viewer: null });
    expect(serde.reviews[0]!.helpful).toBe(1.5);
    const tokio = await listCrateReviews(db, "tokio", { sort: "helpful", page: 1, viewer: null });
    expect(tokio.reviews[0]!.helpful).toBe(0.5);

    // A discounted account's later votes are discounted when cast.
    const author = await createTestUser(db);
    const { review } = await saveReview(db, author, reviewInput("hyper", await defaultVersion(db, "hyper")), context(later(t0, dayMs)));
    await voteReview(db, socks[0]!, { reviewId: review.id, helpful: true }, context(later(t0, 2 * dayMs)));
    expect((await db.reviewVote.findUniqueOrThrow({ where: { reviewId_userId: { reviewId: review.id, userId: socks[0]!.id } } })).weight).toBe(0.1);
  });

  it("also discounts the socks' reviews and recomputes those crates' aggregates", async () => {
    const db = database.prisma;
    const version = await defaultVersion(db, "clap");
    const critic = await createTestUser(db, { ageDays: 30 });
    await saveReview(db, critic, reviewInput("clap", version, { overall: 1 }), context(later(t0, -10 * dayMs)));
    const [a, b] = [await createTestUser(db, { ageDays: 30 }), await createTestUser(db, { ageDays: 30 })];
    await saveReview(db, a, reviewInput("clap", version, { overall: 5 }), context(later(t0, -9 * dayMs)));
    expect((await getCrateRatings(db, "clap")).criteria[0]!.mean).toBe(3);

    const start = later(t0, 5 * dayMs);
    for (const [i, reviewId] of targets.entries()) {
      await voteReview(db, a, { reviewId, helpful: true }, context(later(start, i * minuteMs)));
      await voteReview(db, b, { reviewId, helpful: true }, context(later(start, i * minuteMs + 30_000)));
    }
    expect((await db.review.findFirstOrThrow({ where: { userId: a.id } })).weight).toBeCloseTo(0.1, 12);
    // (0.1 x 5 + 1 x 1) / 1.1
    expect((await getCrateRatings(db, "clap")).criteria[0]!.mean).toBeCloseTo(1.5 / 1.1, 10);
  });

  it("catches accounts reviewing the same three crates within minutes of each other", async () => {
    const db = database.prisma;
    const start = later(t0, 20 * dayMs);
    const [a, b] = [await createTestUser(db, { ageDays: 30 }), await createTestUser(db, { ageDays: 30 })];
    for (const [i, crate] of ["serde_json", "rand", "anyhow"].entries()) {
      const version = await defaultVersion(db, crate);
      await saveReview(db, a, reviewInput(crate, version, { overall: 5 }), context(later(start, i * 3 * minuteMs)));
      await saveReview(db, b, reviewInput(crate, version, { overall: 5 }), context(later(start, i * 3 * minuteMs + minuteMs)));
    }
    for (const user of [a, b]) {
      const weights = (await db.review.findMany({ where: { userId: user.id } })).map((r) => r.weight);
      expect(weights).toEqual([0.1, 0.1, 0.1]);
    }
  });

  it("leaves alone two accounts whose votes on the same reviews are more than 10 minutes apart", async () => {
    const db = database.prisma;
    const start = later(t0, 30 * dayMs);
    const [a, b] = [await createTestUser(db, { ageDays: 30 }), await createTestUser(db, { ageDays: 30 })];
    for (const [i, reviewId] of targets.entries()) {
      await voteReview(db, a, { reviewId, helpful: true }, context(later(start, i * 60 * minuteMs)));
      await voteReview(db, b, { reviewId, helpful: true }, context(later(start, i * 60 * minuteMs + 11 * minuteMs)));
    }
    expect(await voteWeights(a.id)).toEqual([1, 1, 1]);
    expect(await voteWeights(b.id)).toEqual([1, 1, 1]);
  });
});
