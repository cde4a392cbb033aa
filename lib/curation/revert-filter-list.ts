import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { UserError } from "../user-error";
import type { FetchRemoteListOptions } from "./fetch-remote-list";
import { findEditableList } from "./find-editable-list";
import { saveFilterList } from "./save-filter-list";

/** Saves revision `toRevision`'s text as a new revision (same rights and checks as a save). */
export async function revertFilterList(
  db: PrismaClient,
  actor: Actor | null,
  slug: string,
  toRevision: number,
  options: { now?: Date; fetch?: FetchRemoteListOptions } = {},
): Promise<{ revision: number }> {
  const { list } = await findEditableList(db, actor, slug, "revert this list");
  const old = await db.filterListRevision.findUnique({ where: { listId_number: { listId: list.id, number: toRevision } } });
  if (!old) throw new UserError("not_found", `${list.title} has no revision ${toRevision}.`);
  return saveFilterList(db, actor, slug, { body: old.body, message: `Revert to revision ${toRevision}`, expectedRevision: list.revision }, options);
}
