import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";
import type { Db } from "../reviews/db-types";
import { enforceRateLimit } from "../reviews/rate-limit";
import { refreshCrateRatings } from "../reviews/refresh-crate-ratings";
import { contextNow, type RequestContext } from "../reviews/request-context";
import { runTransaction } from "../reviews/run-transaction";
import { UserError } from "../user-error";
import { MAX_LOCKFILE_BYTES } from "./lockfile-limits";
import { LockfileError, parseCargoLock } from "./parse-cargo-lock";
import { usageFingerprint, usageProjectLabel } from "./usage-fingerprint";

export interface SavedUsageReport {
  id: number;
  /** False when it replaced the report of the same project. */
  created: boolean;
  project: string;
  lockfileVersion: number;
  /** Registry packages counted (distinct name and version). */
  crates: number;
  ignored: { git: number; path: number; otherRegistry: number };
}

/**
 * Stores what a Cargo.lock says a project uses: its registry packages (name
 * and version) under the project's fingerprint, replacing the user's earlier
 * report of the same project. The lockfile itself is not kept. Everything or
 * nothing: a bad file (413 too large, 422 not a lockfile, with the line) stores
 * nothing. Reviews whose "verified user" state changes get their crates'
 * aggregates rebuilt in the same transaction.
 */
export async function saveUsageReport(
  db: PrismaClient,
  actor: Actor | null,
  bytes: Uint8Array,
  context: RequestContext & { fileName?: string },
): Promise<SavedUsageReport> {
  const user = requireActor(actor, "upload a usage report");
  await enforceRateLimit(db, "usage_report", user.id, context);
  const label = context.fileName?.trim() || "Cargo.lock";
  if (bytes.byteLength > MAX_LOCKFILE_BYTES) throw tooLarge(bytes.byteLength);
  if (bytes.byteLength === 0) throw new UserError("invalid", `${label} is empty: upload the Cargo.lock of a project.`);

  let lockfile;
  try {
    lockfile = parseCargoLock(bytes, label);
  } catch (error) {
    if (error instanceof LockfileError) throw new UserError("invalid", error.message);
    throw error;
  }
  if (lockfile.registryPackages.length === 0) {
    throw new UserError("invalid", `${label} has no packages from the registry (only path or git ones): there is nothing to report.`);
  }

  const now = contextNow(context);
  const fingerprint = usageFingerprint(lockfile);
  const project = usageProjectLabel(lockfile);
  const pairs = lockfile.registryPackages.map((p) => ({ nameLower: p.name.toLowerCase(), version: p.version }));
  const unique = [...new Map(pairs.map((p) => [`${p.nameLower} ${p.version}`, p])).values()];

  return runTransaction(db, async (tx) => {
    const before = await reportedCrates(tx, user.id);
    const existing = await tx.usageReport.findUnique({ where: { userId_fingerprint: { userId: user.id, fingerprint } }, select: { id: true } });
    const values = { project, lockfileVersion: lockfile.lockfileVersion, packageCount: lockfile.packageCount, updatedAt: now };
    const report = existing
      ? await tx.usageReport.update({ where: { id: existing.id }, data: values })
      : await tx.usageReport.create({ data: { userId: user.id, fingerprint, createdAt: now, ...values } });
    if (existing) await tx.usageReportCrate.deleteMany({ where: { reportId: report.id } });
    await tx.usageReportCrate.createMany({ data: unique.map((p) => ({ reportId: report.id, ...p })) });
    await refreshVerifiedReviews(tx, user.id, before, now);
    return {
      id: report.id,
      created: !existing,
      project,
      lockfileVersion: lockfile.lockfileVersion,
      crates: unique.length,
      ignored: lockfile.ignored,
    };
  });
}

function tooLarge(size: number): UserError {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return new UserError("too_large", `The file is ${mb(size)}; a Cargo.lock may be at most ${mb(MAX_LOCKFILE_BYTES)}.`);
}

/** The crates (name_lower) in any of the user's reports. */
export async function reportedCrates(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.$queryRaw<{ name_lower: string }[]>`
    SELECT DISTINCT uc.name_lower FROM usage_report_crates uc JOIN usage_reports ur ON ur.id = uc.report_id WHERE ur.user_id = ${userId}`;
  return new Set(rows.map((row) => row.name_lower));
}

/**
 * After the user's reports changed: rebuilds the aggregates of the crates they
 * reviewed whose verified state flipped (reported before and not now, or the
 * other way round).
 */
export async function refreshVerifiedReviews(db: Db, userId: string, before: Set<string>, now: Date): Promise<void> {
  const after = await reportedCrates(db, userId);
  const flipped = [...before].filter((name) => !after.has(name)).concat([...after].filter((name) => !before.has(name)));
  if (flipped.length === 0) return;
  const reviewed = await db.review.findMany({ where: { userId, crateName: { in: flipped } }, select: { crateName: true } });
  for (const { crateName } of reviewed) await refreshCrateRatings(db, crateName, { now });
}
