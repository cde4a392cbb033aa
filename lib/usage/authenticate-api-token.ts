import type { Actor } from "../auth/actor";
import type { PrismaClient } from "../generated/prisma/client";
import { UserError } from "../user-error";
import { hashApiTokenSecret, looksLikeApiToken } from "./api-token-secret";

/** Marks a token used at most this often (a write per request would be wasteful). */
const touchEveryMs = 60_000;

/**
 * The user an `Authorization: Bearer <token>` header stands for. Every failure
 * is a 401 UserError saying what is wrong: no header, not a Bearer token, not
 * one of ours, revoked (and when), expired (and when). The user's role and
 * account age come from the users table as it is now.
 */
export async function authenticateApiToken(db: PrismaClient, authorization: string | null, now = new Date()): Promise<Actor> {
  if (!authorization?.trim()) {
    throw new UserError("unauthenticated", "Authentication required: send a personal API token as `Authorization: Bearer <token>` (create one at /settings/tokens).");
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
  if (!match) throw new UserError("unauthenticated", "The Authorization header must be `Bearer <token>`.");
  const secret = match[1]!;
  if (!looksLikeApiToken(secret)) throw new UserError("unauthenticated", "That is not a valid API token (tokens start with cl_ and have 46 characters).");
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashApiTokenSecret(secret) },
    include: { user: { select: { id: true, name: true, role: true, createdAt: true } } },
  });
  if (!token) throw new UserError("unauthenticated", "Unknown API token: it may have been deleted with its account, or mistyped.");
  if (token.revokedAt) throw new UserError("unauthenticated", `This API token was revoked on ${token.revokedAt.toISOString().slice(0, 10)}.`);
  if (token.expiresAt && token.expiresAt <= now) {
    throw new UserError("unauthenticated", `This API token expired on ${token.expiresAt.toISOString().slice(0, 10)}: create a new one at /settings/tokens.`);
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > touchEveryMs) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return { id: token.user.id, name: token.user.name, role: token.user.role, createdAt: token.user.createdAt };
}
