import { z } from "zod";
import type { Db } from "../reviews/db-types";
import { UserError } from "../user-error";
import { fetchRemoteList, type FetchRemoteListOptions } from "./fetch-remote-list";

export const MAX_VIEW_LISTS = 20;

export const viewListsSchema = z
  .array(z.union([z.object({ list: z.string().trim().min(1) }), z.object({ url: z.string().trim().min(1).max(2000) })]), {
    error: "Give the view's lists.",
  })
  .max(MAX_VIEW_LISTS, `A view may have at most ${MAX_VIEW_LISTS} lists.`);

export const viewDetailsSchema = z.object({
  title: z.string({ error: "Give the view a title." }).trim().min(1, "Give the view a title.").max(100, "Keep the title under 100 characters."),
  description: z.string().trim().max(1000, "Keep the description under 1,000 characters.").default(""),
  lists: viewListsSchema,
});

export type ViewListInput = { list: string } | { url: string };

export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "input"), i.message]));
    throw new UserError("invalid", parsed.error.issues[0]!.message, fields);
  }
  return parsed.data;
}

/**
 * The view_lists rows for `lists`, in order: each list must exist, each URL
 * must have been fetched once successfully (it is fetched now if it never
 * was), and nothing may appear twice.
 */
export async function resolveViewLists(
  db: Db,
  lists: ViewListInput[],
  fetch?: FetchRemoteListOptions,
): Promise<{ listId: number | null; remoteUrl: string | null }[]> {
  const rows: { listId: number | null; remoteUrl: string | null }[] = [];
  const seen = new Set<string>();
  for (const entry of lists) {
    const key = "list" in entry ? `list:${entry.list}` : entry.url;
    if (seen.has(key)) throw new UserError("invalid", `${"list" in entry ? `list:${entry.list}` : entry.url} appears twice in the view.`, { lists: "Duplicate" });
    seen.add(key);
    if ("list" in entry) {
      const list = await db.filterList.findUnique({ where: { slug: entry.list }, select: { id: true } });
      if (!list) throw new UserError("invalid", `No filter list has the slug "${entry.list}".`, { lists: "Unknown list" });
      rows.push({ listId: list.id, remoteUrl: null });
    } else {
      const stored = await db.remoteList.findUnique({ where: { url: entry.url }, select: { body: true } });
      if (stored?.body == null) {
        const fetched = await fetchRemoteList(db, entry.url, fetch);
        if (!fetched.ok) throw new UserError("invalid", `Cannot use ${entry.url}: ${fetched.error}.`, { lists: "Unreachable list" });
      }
      rows.push({ listId: null, remoteUrl: entry.url });
    }
  }
  return rows;
}
