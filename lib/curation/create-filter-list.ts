import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { isUniqueViolation } from "../reviews/run-transaction";
import { UserError } from "../user-error";
import { checkFilterListBody } from "./check-filter-list-body";
import { enforceListSaveRateLimit } from "./enforce-list-save-rate-limit";
import type { FetchRemoteListOptions } from "./fetch-remote-list";
import { FilterListInvalid } from "./filter-list-invalid";

export const slugSchema = z
  .string({ error: "Give the list a slug." })
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use 2 to 63 lower-case letters, digits and dashes for the slug, starting with a letter or digit.");

export const createFilterListSchema = z.object({
  slug: slugSchema,
  title: z.string({ error: "Give the list a title." }).trim().min(1, "Give the list a title.").max(100, "Keep the title under 100 characters."),
  description: z.string().trim().max(1000, "Keep the description under 1,000 characters.").default(""),
  body: z.string({ error: "The list text is missing." }),
  message: z
    .string()
    .trim()
    .max(500, "Keep the message under 500 characters.")
    .transform((m) => m || "Created the list"),
});

export type CreateFilterListInput = z.input<typeof createFilterListSchema>;

/**
 * A new list (curators and above); its creator becomes its first curator and
 * revision 1 holds the text, which must parse without errors.
 */
export async function createFilterList(
  db: PrismaClient,
  actor: Actor | null,
  input: { slug: string; title: string; description: string; body: string; message: string },
  options: { now?: Date; fetch?: FetchRemoteListOptions } = {},
): Promise<{ slug: string }> {
  const curator = requireRole(actor, "curator", "create filter lists");
  await enforceListSaveRateLimit(db, curator.id, options.now);
  const parsed = createFilterListSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "input"), i.message]));
    throw new UserError("invalid", parsed.error.issues[0]!.message, fields);
  }
  const { slug, title, description, body, message } = parsed.data;
  if (await db.filterList.findUnique({ where: { slug }, select: { id: true } })) throw taken(slug);
  const { errors } = await checkFilterListBody(db, slug, body, { fetchUrls: true, fetch: options.fetch });
  if (errors.length > 0) throw new FilterListInvalid(errors);
  const at = options.now ?? new Date();
  try {
    await db.filterList.create({
      data: {
        slug,
        title,
        description,
        body,
        revision: 1,
        createdById: curator.id,
        createdAt: at,
        updatedAt: at,
        revisions: { create: { number: 1, body, message, authorId: curator.id, createdAt: at } },
        curators: { create: { userId: curator.id, addedAt: at } },
      },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken(slug);
    throw error;
  }
  // A new list is in no view yet: nothing to re-evaluate.
  return { slug };
}

function taken(slug: string): UserError {
  return new UserError("conflict", `A list with the slug "${slug}" exists already: choose another.`, { slug: "Taken" });
}
