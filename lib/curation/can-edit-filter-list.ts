import type { Actor } from "../auth/actor";
import type { Db } from "../reviews/db-types";
import { mayEdit } from "./find-editable-list";

/** Whether `actor` may edit, preview and revert list `slug` (its curators and admins). */
export async function canEditFilterList(db: Db, actor: Actor | null, slug: string): Promise<boolean> {
  if (!actor) return false;
  const list = await db.filterList.findUnique({ where: { slug }, select: { id: true } });
  return list !== null && (await mayEdit(db, actor, list.id));
}
