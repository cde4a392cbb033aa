import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { PrismaClient, Role } from "../generated/prisma/client";
import { UserError } from "../user-error";
import type { Actor } from "./actor";
import { createUser } from "./create-user";
import { setUserRole, setUserRoleAsSystem } from "./set-user-role";

// Role changes on a real database: who may make them, the last-admin rule,
// bad input, and the audit trail in moderation_log.

const root = path.resolve(import.meta.dirname, "../..");
let serial = 0;

async function makeUser(db: PrismaClient, role: Role = "user", name?: string): Promise<Actor> {
  serial += 1;
  const label = name ?? `${role}-${serial}-${Date.now()}`;
  const user = await db.user.create({ data: { name: label, email: `${label}@example.test`, role } });
  return { id: user.id, name: user.name, role: user.role, createdAt: user.createdAt };
}

async function roleOf(db: PrismaClient, id: string): Promise<Role | undefined> {
  return (await db.user.findUnique({ where: { id } }))?.role;
}

const logFor = (db: PrismaClient, userId: string) =>
  db.moderationLog.findMany({ where: { subject: `user:${userId}` }, orderBy: { id: "asc" } });

async function userErrorOf(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("setUserRole", () => {
  const t = useTestPrisma({ seeded: false });

  it.each([
    ["anonymous", null, 401],
    ["user", "user", 403],
    ["curator", "curator", 403],
    ["moderator", "moderator", 403],
  ] as const)("refuses %s, and changes and logs nothing", async (_label, actorRole, status) => {
    const db = t.prisma;
    const actor = actorRole ? await makeUser(db, actorRole) : null;
    const target = await makeUser(db);
    const error = await userErrorOf(setUserRole(db, actor, { userId: target.id, role: "moderator", reason: "trying" }));
    expect(error.status).toBe(status);
    expect(error.message).toMatch(actor ? /^Only an admin may change roles\.$/ : /Sign in to change roles/);
    expect(await roleOf(db, target.id)).toBe("user");
    expect(await logFor(db, target.id)).toEqual([]);
  });

  it("refuses a moderator promoting themselves", async () => {
    const db = t.prisma;
    const moderator = await makeUser(db, "moderator");
    const error = await userErrorOf(setUserRole(db, moderator, { userId: moderator.id, role: "admin", reason: "me" }));
    expect(error.status).toBe(403);
    expect(await roleOf(db, moderator.id)).toBe("moderator");
  });

  it("lets an admin change a role, and writes who, what and why to the moderation log", async () => {
    const db = t.prisma;
    const admin = await makeUser(db, "admin");
    const target = await makeUser(db, "user", `target-${Date.now()}`);
    const change = await setUserRole(db, admin, { userId: target.id, role: "moderator", reason: "  Handles reports well  " });
    expect(change).toEqual({ userId: target.id, name: target.name, from: "user", to: "moderator" });
    expect(await roleOf(db, target.id)).toBe("moderator");
    const log = await logFor(db, target.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      actorId: admin.id,
      action: "set_role",
      subject: `user:${target.id}`,
      reason: "role user → moderator: Handles reports well",
    });

    await setUserRole(db, admin, { userId: target.id, role: "curator", reason: "Steps back from moderation" });
    expect(await roleOf(db, target.id)).toBe("curator");
    expect((await logFor(db, target.id)).map((e) => e.reason)).toEqual([
      "role user → moderator: Handles reports well",
      "role moderator → curator: Steps back from moderation",
    ]);
  });

  it.each([
    ["an unknown role", { role: "superuser", reason: "x" }, 422, /Unknown role "superuser": choose user, curator, moderator, admin/],
    ["no role", { reason: "x" }, 422, /No role given/],
    ["no reason", { role: "moderator" }, 422, /Give a reason/],
    ["a blank reason", { role: "moderator", reason: "   " }, 422, /Give a reason/],
    ["a reason over 500 characters", { role: "moderator", reason: "x".repeat(501) }, 422, /under 500 characters/],
    ["a number for a role", { role: 3, reason: "x" }, 422, /Unknown role "3"/],
  ] as const)("answers %s with a 4xx and stores nothing", async (_label, input, status, message) => {
    const db = t.prisma;
    const admin = await makeUser(db, "admin");
    const target = await makeUser(db);
    const error = await userErrorOf(setUserRole(db, admin, { userId: target.id, ...input }));
    expect(error.status).toBe(status);
    expect(error.message).toMatch(message);
    expect(await roleOf(db, target.id)).toBe("user");
    expect(await logFor(db, target.id)).toEqual([]);
  });

  it("answers input that is not an object, an unknown user and an unchanged role with a 4xx", async () => {
    const db = t.prisma;
    const admin = await makeUser(db, "admin");
    expect((await userErrorOf(setUserRole(db, admin, null))).status).toBe(422);
    expect((await userErrorOf(setUserRole(db, admin, "admin please"))).status).toBe(422);
    const unknown = await userErrorOf(setUserRole(db, admin, { userId: "no-such-user", role: "curator", reason: "x" }));
    expect(unknown.status).toBe(404);
    expect(unknown.message).toBe('No user has the id "no-such-user".');
    const target = await makeUser(db, "curator");
    const same = await userErrorOf(setUserRole(db, admin, { userId: target.id, role: "curator", reason: "x" }));
    expect(same.status).toBe(409);
    expect(same.message).toMatch(/is already a curator/);
    expect(await logFor(db, target.id)).toEqual([]);
  });

  it("never takes the admin role from the last admin, and allows it once there is another", async () => {
    const db = t.prisma;
    // Only this test's admins: the others' are demoted first (by the system, which obeys the same rule).
    const others = await db.user.findMany({ where: { role: "admin" } });
    const first = await makeUser(db, "admin");
    for (const other of others) await setUserRoleAsSystem(db, { userId: other.id, role: "user", reason: "test setup" });
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);

    const alone = await userErrorOf(setUserRole(db, first, { userId: first.id, role: "moderator", reason: "stepping down" }));
    expect(alone.status).toBe(409);
    expect(alone.message).toMatch(/is the only admin: make someone else admin first/);
    const bySystem = await userErrorOf(setUserRoleAsSystem(db, { userId: first.id, role: "user", reason: "x" }));
    expect(bySystem.status).toBe(409);
    expect(await roleOf(db, first.id)).toBe("admin");

    const second = await makeUser(db);
    await setUserRole(db, first, { userId: second.id, role: "admin", reason: "a second admin" });
    await setUserRole(db, first, { userId: first.id, role: "moderator", reason: "stepping down" });
    expect(await roleOf(db, first.id)).toBe("moderator");
    const now = { ...second, role: "admin" as const };
    expect((await userErrorOf(setUserRole(db, now, { userId: second.id, role: "user", reason: "x" }))).status).toBe(409);

    // Two admins demoting each other at the same moment: one wins, one admin stays.
    const third = await makeUser(db);
    await setUserRole(db, now, { userId: third.id, role: "admin", reason: "a third admin" });
    const results = await Promise.allSettled([
      setUserRole(db, now, { userId: third.id, role: "user", reason: "race" }),
      setUserRole(db, { ...third, role: "admin" }, { userId: second.id, role: "user", reason: "race" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
  });

  it("as the system: changes the role and logs it with no actor", async () => {
    const db = t.prisma;
    const target = await makeUser(db);
    await setUserRoleAsSystem(db, { userId: target.id, role: "curator", reason: "from the command line" });
    expect(await roleOf(db, target.id)).toBe("curator");
    expect(await logFor(db, target.id)).toMatchObject([{ actorId: null, action: "set_role", reason: "role user → curator: from the command line" }]);
  });
});

describe("createUser (first sign-in)", () => {
  const t = useTestPrisma({ seeded: false });

  it("makes an account admin when its email is in AUTH_ADMIN_EMAILS, and logs it", async () => {
    const db = t.prisma;
    const admins = ["boss@example.test"];
    const boss = await createUser(db, { name: "Boss", email: "Boss@Example.test" }, admins);
    expect(boss.role).toBe("admin");
    expect(boss.email).toBe("boss@example.test");
    expect(await logFor(db, boss.id)).toMatchObject([{ actorId: null, action: "set_role", reason: expect.stringMatching(/^role user → admin: .*AUTH_ADMIN_EMAILS/) }]);

    const someone = await createUser(db, { name: "Someone", email: "someone@example.test" }, admins);
    expect(someone.role).toBe("user");
    const noEmail = await createUser(db, { name: "No email", email: null }, admins);
    expect(noEmail.role).toBe("user");
    expect(await logFor(db, someone.id)).toEqual([]);
  });
});

// The command runs in its own process on its own connection: a real server only.
describe.skipIf(!inject("postgresAdminUrl"))("npm run user:role", () => {
  const t = useTestPrisma({ seeded: false });

  function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
    const child = spawn("node", ["--import", "tsx", "lib/auth/set-role-cli.ts", ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: t.db.url, DATABASE_POOL_MAX: "2" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    return new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, output }));
    });
  }

  it("grants a role by email or id, logged as the system; clear errors for unknown users and roles", async () => {
    const db = t.prisma;
    const target = await makeUser(db, "user", `cli-${Date.now()}`);
    // Started together: each pays tsx's start-up.
    const [byEmail, unknownUser, unknownRole, usage] = await Promise.all([
      runCli([`${target.name}@EXAMPLE.test`, "moderator", "--reason", "trusted reviewer"]),
      runCli(["nobody@example.test", "moderator"]),
      runCli([target.id, "root"]),
      runCli([target.id]),
    ]);
    expect(byEmail).toMatchObject({ code: 0 });
    expect(byEmail.output).toContain(`${target.name} (${target.id}): user → moderator`);
    expect(await roleOf(db, target.id)).toBe("moderator");
    expect(await logFor(db, target.id)).toMatchObject([{ actorId: null, reason: "role user → moderator: trusted reviewer" }]);

    expect(unknownUser.code).toBe(1);
    expect(unknownUser.output).toContain('No user has the email "nobody@example.test". People appear here after their first sign-in.');
    expect(unknownRole.code).toBe(1);
    expect(unknownRole.output).toContain('Unknown role "root": choose user, curator, moderator, admin.');
    expect(usage.code).toBe(2);
    expect(usage.output).toContain("usage: npm run user:role -- <email-or-user-id> <user|curator|moderator|admin>");

    const byId = await runCli([target.id, "curator"]);
    expect(byId.code).toBe(0);
    expect((await logFor(db, target.id)).at(-1)).toMatchObject({ actorId: null, reason: "role moderator → curator: set on the server with npm run user:role" });
    // Five tsx start-ups: tens of seconds on a loaded 2-core machine.
  }, 180_000);
});
