import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { isUniqueViolation } from "../reviews/run-transaction";
import { UserError } from "../user-error";
import { slugSchema } from "./create-filter-list";
import { evaluateView } from "./evaluate-view";
import type { FetchRemoteListOptions } from "./fetch-remote-list";
import { parseOrThrow, resolveViewLists, viewDetailsSchema, type ViewListInput } from "./view-input";

const createViewSchema = viewDetailsSchema.extend({ slug: slugSchema });

/** A new view owned by `actor` (curators and above), evaluated before this returns. */
export async function createView(
  db: PrismaClient,
  actor: Actor | null,
  input: { slug: string; title: string; description: string; lists: ViewListInput[] },
  options: { fetch?: FetchRemoteListOptions } = {},
): Promise<{ slug: string }> {
  const owner = requireRole(actor, "curator", "create views");
  const { slug, title, description, lists } = parseOrThrow(createViewSchema, input);
  if (await db.view.findUnique({ where: { slug }, select: { id: true } })) throw taken(slug);
  const rows = await resolveViewLists(db, lists, options.fetch);
  let id: number;
  try {
    id = (
      await db.view.create({
        data: { slug, title, description, ownerId: owner.id, lists: { create: rows.map((row, position) => ({ position, ...row })) } },
        select: { id: true },
      })
    ).id;
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(slug);
    throw error;
  }
  await evaluateView(db, id);
  return { slug };
}

function taken(slug: string): UserError {
  return new UserError("conflict", `A view with the slug "${slug}" exists already: choose another.`, { slug: "Taken" });
}
