import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { UserError } from "../user-error";

/** Takes a user off a list's curators (admins only). Their site role stays as it is. */
export async function removeFilterListCurator(db: PrismaClient, actor: Actor | null, slug: string, userId: string): Promise<void> {
  requireRole(actor, "admin", "choose a list's curators");
  const list = await db.filterList.findUnique({ where: { slug }, select: { id: true, title: true } });
  if (!list) throw new UserError("not_found", `No filter list has the slug "${slug}".`);
  const { count } = await db.filterListCurator.deleteMany({ where: { listId: list.id, userId } });
  if (count === 0) throw new UserError("not_found", `That user is not a curator of ${list.title}.`);
}
