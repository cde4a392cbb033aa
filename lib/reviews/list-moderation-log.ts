import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { displayName } from "./display-name";
import { positiveInt } from "./list-crate-reviews";

export const moderationLogPerPage = 20;

export interface ModerationLogEntry {
  id: number;
  /** Null for the system (an automatic freeze or lockstep discount). */
  actor: { id: string; name: string } | null;
  action: string;
  subject: string;
  reason: string;
  createdAt: Date;
}

/** The moderation log, newest first, 20 a page (moderator or admin). */
export async function listModerationLog(
  db: PrismaClient,
  actor: Actor | null,
  options: { page: number },
): Promise<{ entries: ModerationLogEntry[]; total: number; page: number; perPage: number }> {
  requireRole(actor, "moderator", "read the moderation log");
  const page = positiveInt(options.page, 1);
  const perPage = moderationLogPerPage;
  const [rows, total] = await Promise.all([
    db.moderationLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * perPage, take: perPage }),
    db.moderationLog.count(),
  ]);
  const actorIds = [...new Set(rows.flatMap((row) => (row.actorId ? [row.actorId] : [])))];
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, displayName(u)]));
  const entries = rows.map((row) => ({
    id: row.id,
    actor: row.actorId ? { id: row.actorId, name: names.get(row.actorId) ?? displayName({ id: row.actorId, name: null }) } : null,
    action: row.action,
    subject: row.subject,
    reason: row.reason,
    createdAt: row.createdAt,
  }));
  return { entries, total, page, perPage };
}
