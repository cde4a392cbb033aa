import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";
import { UserError } from "../user-error";

/**
 * Revokes one of the signed-in user's tokens: it stops working at once. A
 * token of someone else is a 404 (its existence is not revealed); revoking a
 * revoked token changes nothing.
 */
export async function revokeApiToken(db: PrismaClient, actor: Actor | null, tokenId: unknown, now = new Date()): Promise<void> {
  const user = requireActor(actor, "revoke an API token");
  const id = typeof tokenId === "number" ? tokenId : Number(tokenId);
  if (!Number.isSafeInteger(id) || id <= 0) throw new UserError("invalid", "No such token.");
  const token = await db.apiToken.findFirst({ where: { id, userId: user.id }, select: { revokedAt: true } });
  if (!token) throw new UserError("not_found", "No such token among yours.");
  if (token.revokedAt) return;
  await db.apiToken.update({ where: { id }, data: { revokedAt: now } });
}
