import { hasRole, requireActor } from "../auth/roles";
import type { Actor } from "../auth/actor";
import type { Db } from "../reviews/db-types";
import { UserError } from "../user-error";

/**
 * The list `slug` if `actor` may edit it (one of its curators, or an admin),
 * else a 401 (anonymous), 404 (no such list) or 403 UserError.
 */
export async function findEditableList(db: Db, actor: Actor | null, slug: string, doing: string) {
  const signedIn = requireActor(actor, doing);
  const list = await db.filterList.findUnique({ where: { slug } });
  if (!list) throw new UserError("not_found", `No filter list has the slug "${slug}".`);
  if (!(await mayEdit(db, signedIn, list.id))) {
    throw new UserError("forbidden", `Only the curators of ${list.title} and admins may ${doing}.`);
  }
  return { actor: signedIn, list };
}

export async function mayEdit(db: Db, actor: Actor, listId: number): Promise<boolean> {
  if (hasRole(actor, "admin")) return true;
  const curator = await db.filterListCurator.findUnique({ where: { listId_userId: { listId, userId: actor.id } }, select: { userId: true } });
  return curator !== null;
}
