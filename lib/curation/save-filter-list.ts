import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { UserError } from "../user-error";
import { checkFilterListBody } from "./check-filter-list-body";
import { enforceListSaveRateLimit } from "./enforce-list-save-rate-limit";
import type { FetchRemoteListOptions } from "./fetch-remote-list";
import { FilterListInvalid } from "./filter-list-invalid";
import { findEditableList } from "./find-editable-list";
import { evaluateViewsUsingList } from "./refresh-curation";

export const saveFilterListSchema = z.object({
  body: z.string({ error: "The list text is missing." }),
  message: z
    .string({ error: "Say what changed: the message goes in the list's history." })
    .trim()
    .min(1, "Say what changed: the message goes in the list's history.")
    .max(500, "Keep the message under 500 characters."),
  expectedRevision: z.number({ error: "The revision you edited is missing." }).int().min(0),
});

export type SaveFilterListInput = z.infer<typeof saveFilterListSchema>;

/**
 * Saves a new revision of a list (its curators and admins). The text must
 * parse without errors and its includes must resolve (FilterListInvalid with
 * every line error otherwise; nothing changes). A save based on an older
 * revision than the current one is refused as a conflict. After the commit,
 * the views using the list are re-evaluated.
 */
export async function saveFilterList(
  db: PrismaClient,
  actor: Actor | null,
  slug: string,
  input: { body: string; message: string; expectedRevision: number },
  options: { now?: Date; fetch?: FetchRemoteListOptions } = {},
): Promise<{ revision: number }> {
  const { actor: editor, list } = await findEditableList(db, actor, slug, "edit this list");
  await enforceListSaveRateLimit(db, editor.id, options.now);
  const parsed = saveFilterListSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "input"), i.message]));
    throw new UserError("invalid", parsed.error.issues[0]!.message, fields);
  }
  const { body, message, expectedRevision } = parsed.data;
  if (expectedRevision !== list.revision) throw conflict(list.revision, expectedRevision);
  const { errors } = await checkFilterListBody(db, slug, body, { fetchUrls: true, fetch: options.fetch });
  if (errors.length > 0) throw new FilterListInvalid(errors);

  const revision = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ revision: number }[]>`SELECT revision FROM filter_lists WHERE id = ${list.id} FOR UPDATE`;
    const current = locked[0]?.revision ?? list.revision;
    if (current !== expectedRevision) throw conflict(current, expectedRevision);
    const next = current + 1;
    const at = options.now ?? new Date();
    await tx.filterListRevision.create({ data: { listId: list.id, number: next, body, message, authorId: editor.id, createdAt: at } });
    await tx.filterList.update({ where: { id: list.id }, data: { body, revision: next, updatedAt: at } });
    return next;
  });
  await reEvaluateAfterSave(db, list.id, slug);
  return { revision };
}

function conflict(current: number, expected: number): UserError {
  return new UserError(
    "conflict",
    `Someone saved this list since you opened it (revision ${current}, you edited revision ${expected}). Reload it, apply your change again and save.`,
    { expectedRevision: "Out of date" },
  );
}

/**
 * The save is committed; the views using the list are re-evaluated now. If
 * that fails the save still stands: the error is logged and the next
 * curation refresh (after the next ingest) brings the verdicts up to date.
 */
export async function reEvaluateAfterSave(db: PrismaClient, listId: number, slug: string): Promise<void> {
  try {
    await evaluateViewsUsingList(db, listId);
  } catch (error) {
    console.error(`curation: re-evaluating the views using list ${slug} after a save failed:`, error);
  }
}
