import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "./actor";
import { requireRole } from "./roles";

export interface RoleChangeEntry {
  id: number;
  /** Who changed it; null when the system did (the user:role command, the AUTH_ADMIN_EMAILS bootstrap). */
  actor: { id: string; name: string | null } | null;
  /** The user whose role changed; null if the account is gone. */
  user: { id: string; name: string | null; email: string | null } | null;
  userId: string;
  /** "role user → moderator: <the reason given>" as set-user-role.ts writes it. */
  reason: string;
  createdAt: Date;
}

/** The latest `set_role` entries of the moderation log, newest first (admin only). */
export async function listRoleChanges(db: PrismaClient, actor: Actor | null, { limit = 20 } = {}): Promise<RoleChangeEntry[]> {
  requireRole(actor, "admin", "see role changes");
  const entries = await db.moderationLog.findMany({
    where: { action: "set_role" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.min(Math.max(1, limit), 100),
  });
  const userIds = entries.map((e) => e.subject.replace(/^user:/, ""));
  const actorIds = entries.flatMap((e) => (e.actorId ? [e.actorId] : []));
  const people = await db.user.findMany({
    where: { id: { in: [...new Set([...userIds, ...actorIds])] } },
    select: { id: true, name: true, email: true },
  });
  const byId = new Map(people.map((p) => [p.id, p]));
  return entries.map((e, i) => {
    const actorRow = e.actorId ? byId.get(e.actorId) : undefined;
    return {
      id: e.id,
      actor: e.actorId ? { id: e.actorId, name: actorRow?.name ?? null } : null,
      user: byId.get(userIds[i]!) ?? null,
      userId: userIds[i]!,
      reason: e.reason,
      createdAt: e.createdAt,
    };
  });
}
