import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { hasRole, requireActor } from "../auth/roles";
import { UserError } from "../user-error";
import { evaluateView } from "./evaluate-view";
import type { FetchRemoteListOptions } from "./fetch-remote-list";
import { parseOrThrow, resolveViewLists, viewDetailsSchema, type ViewListInput } from "./view-input";

/**
 * Changes a view's title, description and lists (its owner or an admin;
 * built-in views: admins only), then re-evaluates it.
 */
export async function updateView(
  db: PrismaClient,
  actor: Actor | null,
  slug: string,
  input: { title: string; description: string; lists: ViewListInput[] },
  options: { fetch?: FetchRemoteListOptions } = {},
): Promise<{ slug: string }> {
  const signedIn = requireActor(actor, "edit views");
  const view = await db.view.findUnique({ where: { slug }, select: { id: true, title: true, ownerId: true, builtIn: true } });
  if (!view) throw new UserError("not_found", `No view has the slug "${slug}".`);
  const isAdmin = hasRole(signedIn, "admin");
  if (view.builtIn && !isAdmin) throw new UserError("forbidden", `${view.title} is built in: only an admin may edit it.`);
  if (!isAdmin && view.ownerId !== signedIn.id) throw new UserError("forbidden", `Only the owner of ${view.title} and admins may edit it.`);
  const { title, description, lists } = parseOrThrow(viewDetailsSchema, input);
  const rows = await resolveViewLists(db, lists, options.fetch);
  await db.$transaction(async (tx) => {
    await tx.viewList.deleteMany({ where: { viewId: view.id } });
    if (rows.length > 0) await tx.viewList.createMany({ data: rows.map((row, position) => ({ viewId: view.id, position, ...row })) });
    await tx.view.update({ where: { id: view.id }, data: { title, description, updatedAt: new Date() } });
  });
  await evaluateView(db, view.id);
  return { slug };
}
