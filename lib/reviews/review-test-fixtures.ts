import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import type { PrismaClient, Role } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { UserError, type UserErrorKind } from "../user-error";
import type { RequestContext } from "./request-context";

// Shared by the *.db.test.ts files of lib/reviews (not a test itself).

export const dayMs = 24 * 60 * 60 * 1000;
export const minuteMs = 60 * 1000;

/** Simulated "now" of the tests: far from the real clock, so nothing depends on it. */
export const t0 = new Date("2031-03-10T12:00:00.000Z");

export function later(from: Date, ms: number): Date {
  return new Date(from.getTime() + ms);
}

/** A user made directly in the database, as an Actor; `ageDays` old at `t0` (default 365). */
export async function createTestUser(
  db: PrismaClient,
  options: { name?: string | null; role?: Role; ageDays?: number; at?: Date } = {},
): Promise<Actor> {
  const createdAt = later(options.at ?? t0, -(options.ageDays ?? 365) * dayMs);
  const suffix = randomBytes(4).toString("hex");
  const user = await db.user.create({
    data: {
      name: options.name === undefined ? `tester-${suffix}` : options.name,
      email: `tester-${suffix}@example.test`,
      role: options.role ?? "user",
      createdAt,
    },
  });
  return { id: user.id, role: user.role, name: user.name, createdAt: user.createdAt };
}

let lastIp = 0;

/** A request context at `now`, from a new IP address unless `ip` is given (tests of IP limits share one). */
export function context(now: Date = t0, ip?: string): RequestContext {
  lastIp += 1;
  return { ip: ip ?? `10.${(lastIp >> 16) & 255}.${(lastIp >> 8) & 255}.${lastIp & 255}`, now };
}

/** The version pages show for a fixture crate (a real version of it). */
export async function defaultVersion(db: PrismaClient, crateName: string): Promise<string> {
  const crate = await db.crate.findUniqueOrThrow({ where: { nameLower: crateName }, select: { defaultVersion: { select: { num: true } } } });
  return crate.defaultVersion!.num;
}

export function reviewInput(crateName: string, version: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    crateName,
    version,
    body: `Solid crate. Used ${crateName} ${version} in a service for a year.`,
    experience: "used_in_production",
    overall: 5,
    documentation: 4,
    ...overrides,
  };
}

/** Awaits a rejection with a UserError of `kind` and returns it. */
export async function expectUserError(promise: Promise<unknown>, kind: UserErrorKind): Promise<UserError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected a UserError "${kind}"`).toBeInstanceOf(UserError);
  expect((error as UserError).kind, (error as UserError).message).toBe(kind);
  return error as UserError;
}

/** Rows of every table a review mutation writes (rate-limit counters aside), to prove nothing was stored. */
export async function userDataCounts(db: PrismaClient) {
  const [reviews, revisions, votes, reports, log, ratings, freezes] = await Promise.all([
    db.review.count(),
    db.reviewRevision.count(),
    db.reviewVote.count(),
    db.reviewReport.count(),
    db.moderationLog.count(),
    db.crateRating.count(),
    db.ratingFreeze.count(),
  ]);
  return { reviews, revisions, votes, reports, log, ratings, freezes };
}
