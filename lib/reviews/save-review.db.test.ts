import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { getCrateRatings } from "./get-crate-ratings";
import { getOwnReview } from "./get-own-review";
import { listReviewRevisions } from "./list-review-revisions";
import { saveReview } from "./save-review";
import {
  context,
  createTestUser,
  dayMs,
  defaultVersion,
  expectUserError,
  later,
  reviewInput,
  t0,
  userDataCounts,
} from "./review-test-fixtures";

describe("saveReview", () => {
  const database = useTestPrisma({ seeded: true });
  let serdeVersion: string;
  let tokioVersion: string;

  beforeAll(async () => {
    serdeVersion = await defaultVersion(database.prisma, "serde");
    tokioVersion = await defaultVersion(database.prisma, "tokio");
  });

  it("creates a review with its first revision, rendered body and aggregates", async () => {
    const db = database.prisma;
    const alice = await createTestUser(db, { name: "Alice" });
    const { review, created } = await saveReview(
      db,
      alice,
      reviewInput("serde", serdeVersion, { body: "  **Great** derive macros <script>alert(1)</script>  ", overall: "5", documentation: "4", security: "" }),
      context(),
    );
    expect(created).toBe(true);
    expect(review).toMatchObject({
      crateName: "serde",
      version: serdeVersion,
      author: { id: alice.id, name: "Alice" },
      ratings: { overall: 5, documentation: 4, security: null, apiDesign: null },
      experience: "used_in_production",
      status: "published",
      helpful: 0,
      edited: false,
    });
    expect(review.bodyHtml).toBe("<p><strong>Great</strong> derive macros &lt;script&gt;alert(1)&lt;/script&gt;</p>");
    const stored = await db.review.findUniqueOrThrow({ where: { id: review.id } });
    expect(stored.body).toBe("**Great** derive macros <script>alert(1)</script>");
    expect(stored.weight).toBe(1);
    expect(stored.createdAt).toEqual(t0);
    const revisions = await db.reviewRevision.findMany({ where: { reviewId: review.id } });
    expect(revisions).toHaveLength(1);
    expect(revisions[0]!.ratings).toMatchObject({ overall: 5, documentation: 4, security: null, experience: "used_in_production" });

    const ratings = await getCrateRatings(db, "serde");
    expect(ratings.reviewCount).toBe(1);
    expect(ratings.frozen).toBeNull();
    expect(ratings.criteria.map((c) => c.criterion)).toEqual(["overall", "documentation"]);
    // The only review anywhere: the prior mean is its own rating.
    expect(ratings.criteria[0]).toMatchObject({ count: 1, mean: 5, score: 5, histogram: [0, 0, 0, 0, 1] });
  });

  it("resolves the crate like getCrate: any case, - and _ alike", async () => {
    const db = database.prisma;
    const bob = await createTestUser(db);
    const { review } = await saveReview(db, bob, reviewInput("SERDE", serdeVersion), context());
    expect(review.crateName).toBe("serde");
    const json = await defaultVersion(db, "serde_json");
    const { review: second } = await saveReview(db, bob, reviewInput("Serde-Json", json), context());
    expect(second.crateName).toBe("serde_json");
    expect(await db.review.findUniqueOrThrow({ where: { id: second.id }, select: { crateName: true } })).toEqual({ crateName: "serde_json" });
  });

  it("edits in place: one review per user per crate, every state in the history", async () => {
    const db = database.prisma;
    const carol = await createTestUser(db);
    const first = await saveReview(db, carol, reviewInput("tokio", tokioVersion, { overall: 3, body: "first take" }), context());
    const second = await saveReview(db, carol, reviewInput("tokio", tokioVersion, { overall: 4, body: "second take" }), context(later(t0, dayMs)));
    const third = await saveReview(db, carol, reviewInput("Tokio", tokioVersion, { overall: 2, body: "third take", documentation: null }), context(later(t0, 2 * dayMs)));
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(third.review.id).toBe(first.review.id);
    expect(third.review.edited).toBe(true);
    expect(third.review.ratings).toMatchObject({ overall: 2, documentation: null });
    expect(third.review.createdAt).toEqual(t0);
    expect(third.review.updatedAt).toEqual(later(t0, 2 * dayMs));
    expect(await db.review.count({ where: { userId: carol.id } })).toBe(1);

    const history = await listReviewRevisions(db, first.review.id, null);
    expect(history.map((r) => r.body)).toEqual(["third take", "second take", "first take"]);
    expect(history.map((r) => r.ratings.overall)).toEqual([2, 4, 3]);
    expect(history[0]!.ratings.documentation).toBeNull();
    expect(history[2]!.bodyHtml).toBe("<p>first take</p>");

    const own = await getOwnReview(db, "TOKIO", carol.id);
    expect(own?.body).toBe("third take");
    expect(await getOwnReview(db, "tokio", (await createTestUser(db)).id)).toBeNull();
  });

  it("ignores a duplicate submission: no second review, no new revision", async () => {
    const db = database.prisma;
    const dave = await createTestUser(db);
    const input = reviewInput("reqwest", await defaultVersion(db, "reqwest"), { body: "Same words twice." });
    const first = await saveReview(db, dave, input, context());
    const before = await userDataCounts(db);
    const again = await saveReview(db, dave, { ...input, body: "  Same words twice.\n", overall: "5" }, context(later(t0, 60_000)));
    expect(again.created).toBe(false);
    expect(again.review.id).toBe(first.review.id);
    expect(again.review.updatedAt).toEqual(t0);
    expect(await userDataCounts(db)).toEqual(before);
    // Two submits racing each other still make one review.
    const erin = await createTestUser(db);
    const results = await Promise.all([saveReview(db, erin, input, context()), saveReview(db, erin, input, context())]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await db.review.count({ where: { userId: erin.id } })).toBe(1);
    expect(await db.reviewRevision.count({ where: { review: { userId: erin.id } } })).toBe(1);
  });

  it("weighs a review from an account younger than 7 days at 0.25", async () => {
    const db = database.prisma;
    const fresh = await createTestUser(db, { ageDays: 2 });
    const seasoned = await createTestUser(db, { ageDays: 8 });
    const hyper = await defaultVersion(db, "hyper");
    const a = await saveReview(db, fresh, reviewInput("hyper", hyper, { overall: 1 }), context());
    const b = await saveReview(db, seasoned, reviewInput("hyper", hyper, { overall: 5 }), context());
    expect((await db.review.findUniqueOrThrow({ where: { id: a.review.id } })).weight).toBe(0.25);
    expect((await db.review.findUniqueOrThrow({ where: { id: b.review.id } })).weight).toBe(1);
    const overall = (await getCrateRatings(db, "hyper")).criteria[0]!;
    expect(overall.count).toBe(2);
    expect(overall.histogram).toEqual([1, 0, 0, 0, 1]);
    expect(overall.mean).toBeCloseTo((0.25 * 1 + 5) / 1.25, 10);
    // Written again once the account is 7 days old, it counts fully.
    await saveReview(db, fresh, reviewInput("hyper", hyper, { overall: 1, body: "Still not for me." }), context(later(t0, 5 * dayMs)));
    expect((await db.review.findUniqueOrThrow({ where: { id: a.review.id } })).weight).toBe(1);
  });

  describe("refuses bad input with a clear message and stores nothing", () => {
    const cases: { name: string; input: (v: string) => Record<string, unknown>; kind: "invalid" | "too_large" | "not_found"; field: string; message: RegExp }[] = [
      { name: "an empty body", input: (v) => reviewInput("serde", v, { body: "   \n " }), kind: "invalid", field: "body", message: /cannot be empty/ },
      { name: "a missing body", input: (v) => reviewInput("serde", v, { body: undefined }), kind: "invalid", field: "body", message: /Write your review/ },
      { name: "a 1 MB body", input: (v) => reviewInput("serde", v, { body: "a".repeat(1024 * 1024) }), kind: "too_large", field: "body", message: /1,048,576 characters, the limit is 20,000/ },
      { name: "a NUL in the body", input: (v) => reviewInput("serde", v, { body: "fine\0not" }), kind: "invalid", field: "body", message: /NUL/ },
      { name: "rating 0", input: (v) => reviewInput("serde", v, { overall: 0 }), kind: "invalid", field: "overall", message: /from 1 to 5 \(0 is not\)/ },
      { name: "rating 6", input: (v) => reviewInput("serde", v, { documentation: 6 }), kind: "invalid", field: "documentation", message: /documentation rating must be from 1 to 5 \(6 is not\)/ },
      { name: "rating 4.5", input: (v) => reviewInput("serde", v, { security: 4.5 }), kind: "invalid", field: "security", message: /whole number/ },
      { name: 'rating "4.5"', input: (v) => reviewInput("serde", v, { overall: "4.5" }), kind: "invalid", field: "overall", message: /whole number/ },
      { name: 'rating "abc"', input: (v) => reviewInput("serde", v, { performance: "abc" }), kind: "invalid", field: "performance", message: /not "abc"/ },
      { name: "rating NaN", input: (v) => reviewInput("serde", v, { overall: Number.NaN }), kind: "invalid", field: "overall", message: /number from 1 to 5/ },
      { name: "no overall rating", input: (v) => reviewInput("serde", v, { overall: "" }), kind: "invalid", field: "overall", message: /overall rating/ },
      { name: "an unknown experience", input: (v) => reviewInput("serde", v, { experience: "expert" }), kind: "invalid", field: "experience", message: /how well you know/ },
      { name: "an unknown crate", input: (v) => reviewInput("no-such-crate-xyz", v), kind: "not_found", field: "crateName", message: /no crate named "no-such-crate-xyz"/ },
      { name: "an unknown version", input: () => reviewInput("serde", "99.0.0"), kind: "invalid", field: "version", message: /serde has no version 99\.0\.0/ },
      { name: "a version of another crate only", input: () => reviewInput("serde", "0.0.0-none"), kind: "invalid", field: "version", message: /no version/ },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const db = database.prisma;
        const user = await createTestUser(db);
        const before = await userDataCounts(db);
        const error = await expectUserError(saveReview(db, user, c.input(serdeVersion), context()), c.kind);
        expect(error.fields[c.field]).toMatch(c.message);
        expect(error.message).toMatch(c.message);
        expect(await userDataCounts(db)).toEqual(before);
      });
    }

    it("not an object at all", async () => {
      const db = database.prisma;
      const user = await createTestUser(db);
      await expectUserError(saveReview(db, user, "review please", context()), "invalid");
      await expectUserError(saveReview(db, user, null, context()), "invalid");
    });

    it("a crate that left the registry", async () => {
      const db = database.prisma;
      const user = await createTestUser(db);
      const version = await defaultVersion(db, "clap");
      await db.crate.update({ where: { nameLower: "clap" }, data: { removedAt: t0 } });
      try {
        const before = await userDataCounts(db);
        const error = await expectUserError(saveReview(db, user, reviewInput("clap", version), context()), "invalid");
        expect(error.fields.crateName).toMatch(/left the registry/);
        expect(await userDataCounts(db)).toEqual(before);
      } finally {
        await db.crate.update({ where: { nameLower: "clap" }, data: { removedAt: null } });
      }
    });

    it("collects every field's problem at once", async () => {
      const db = database.prisma;
      const user = await createTestUser(db);
      const error = await expectUserError(saveReview(db, user, { crateName: "serde", version: "", body: "", overall: 9, experience: "x" }, context()), "invalid");
      expect(Object.keys(error.fields).sort()).toEqual(["body", "experience", "overall", "version"]);
    });
  });
});
