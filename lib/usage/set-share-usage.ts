import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";

/** Opts the signed-in user in to (or out of) listing what they use on their public page. */
export async function setShareUsage(db: PrismaClient, actor: Actor | null, share: boolean): Promise<void> {
  const user = requireActor(actor, "change what your page shows");
  await db.user.update({ where: { id: user.id }, data: { shareUsage: share } });
}
