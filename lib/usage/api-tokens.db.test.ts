import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { context, createTestUser, dayMs, expectUserError, later, t0 } from "../reviews/review-test-fixtures";
import { hashApiTokenSecret } from "./api-token-secret";
import { authenticateApiToken } from "./authenticate-api-token";
import { createApiToken, maxLiveApiTokens } from "./create-api-token";
import { listApiTokens } from "./list-api-tokens";
import { revokeApiToken } from "./revoke-api-token";

describe("personal API tokens", () => {
  const database = useTestPrisma({ seeded: true });

  it("creates a token whose secret is shown once and stored only as a hash, and authenticates it", async () => {
    const db = database.prisma;
    const alice = await createTestUser(db, { name: "Alice" });
    const token = await createApiToken(db, alice, { name: " CI of my-app ", expiresInDays: "90" }, context(t0));
    expect(token.secret).toMatch(/^cl_[A-Za-z0-9_-]{43}$/);
    expect(token.name).toBe("CI of my-app");
    expect(token.expiresAt).toEqual(later(t0, 90 * dayMs));
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(hashApiTokenSecret(token.secret));
    expect(JSON.stringify(row)).not.toContain(token.secret);

    const actor = await authenticateApiToken(db, `Bearer ${token.secret}`, later(t0, dayMs));
    expect(actor).toMatchObject({ id: alice.id, name: "Alice", role: "user" });
    const listed = await listApiTokens(db, alice, later(t0, dayMs));
    expect(listed).toEqual([expect.objectContaining({ id: token.id, state: "live", prefix: token.secret.slice(0, 11), lastUsedAt: later(t0, dayMs) })]);
  });

  it("refuses missing, malformed, unknown, expired and revoked tokens with a 401 saying which", async () => {
    const db = database.prisma;
    const bob = await createTestUser(db);
    const token = await createApiToken(db, bob, { name: "ci", expiresInDays: "30" }, context(t0));
    const cases: [string | null, Date, RegExp][] = [
      [null, t0, /Authentication required/],
      ["Basic dXNlcjpwYXNz", t0, /Bearer/],
      ["Bearer not-a-token", t0, /not a valid API token/],
      [`Bearer cl_${"A".repeat(43)}`, t0, /Unknown API token/],
      [`Bearer ${token.secret}`, later(t0, 31 * dayMs), /expired on/],
    ];
    for (const [header, now, message] of cases) {
      const error = await expectUserError(authenticateApiToken(db, header, now), "unauthenticated");
      expect(error.message).toMatch(message);
    }
    await revokeApiToken(db, bob, token.id, later(t0, dayMs));
    const revoked = await expectUserError(authenticateApiToken(db, `Bearer ${token.secret}`, later(t0, 2 * dayMs)), "unauthenticated");
    expect(revoked.message).toMatch(/revoked on/);
    expect((await listApiTokens(db, bob))[0]!.state).toBe("revoked");
  });

  it("lets only the owner see and revoke a token, and limits how many live ones an account holds", async () => {
    const db = database.prisma;
    const [carol, mallory] = [await createTestUser(db), await createTestUser(db)];
    const token = await createApiToken(db, carol, { name: "ci", expiresInDays: "never" }, context(t0));
    expect(token.expiresAt).toBeNull();
    await expectUserError(revokeApiToken(db, mallory, token.id), "not_found");
    await expectUserError(revokeApiToken(db, null, token.id), "unauthenticated");
    await expectUserError(createApiToken(db, null, { name: "x", expiresInDays: "30" }, context(t0)), "unauthenticated");
    expect(await listApiTokens(db, mallory)).toEqual([]);
    expect(await authenticateApiToken(db, `Bearer ${token.secret}`, t0)).toMatchObject({ id: carol.id });

    const invalid = await expectUserError(createApiToken(db, carol, { name: "  ", expiresInDays: "7" }, context(t0)), "invalid");
    expect(Object.keys(invalid.fields).sort()).toEqual(["expiresInDays", "name"]);

    // Spread over hours so the rate limit (10 an hour) does not interfere.
    for (let i = 1; i < maxLiveApiTokens; i++) await createApiToken(db, carol, { name: `t${i}`, expiresInDays: "30" }, context(later(t0, i * 3_600_000)));
    const full = await expectUserError(createApiToken(db, carol, { name: "one more", expiresInDays: "30" }, context(later(t0, 30 * 3_600_000))), "conflict");
    expect(full.message).toMatch(/revoke one/);
  });
});
