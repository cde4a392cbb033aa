import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";

export interface ApiTokenView {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  state: "live" | "expired" | "revoked";
}

/** The signed-in user's own tokens, newest first (never the secrets: they are not stored). */
export async function listApiTokens(db: PrismaClient, actor: Actor | null, now = new Date()): Promise<ApiTokenView[]> {
  const user = requireActor(actor, "see your API tokens");
  const rows = await db.apiToken.findMany({
    where: { userId: user.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true },
  });
  return rows.map((row) => ({
    ...row,
    state: row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "live",
  }));
}
