"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { issueFields, refusedCurationForm, type CurationFormState } from "@/components/curation/form-states";
import { curationLimits } from "@/components/curation/limits";
import { parseViewLists } from "@/components/curation/parse-view-lists";
import { getActor } from "@/lib/auth/get-actor";
import { createView } from "@/lib/curation/create-view";
import { updateView } from "@/lib/curation/update-view";
import { getDb } from "@/lib/db";
import { routes } from "@/lib/routes";
import { actionError } from "../crates/[name]/reviews/action-error";

// The view forms' server actions. createView and updateView check who may
// (curators create, the owner or an admin edits); here only the shape of the
// input is checked, and each line of the lists field is read.

const text = (max: number, what: string) =>
  z
    .string({ message: `${what} is missing.` })
    .max(max, `${what} is too long: at most ${max.toLocaleString("en-US")} characters.`)
    .transform((value) => value.replace(/\r\n?/g, "\n").trim());

const viewSchema = z.object({
  slug: text(curationLimits.slug, "The slug").pipe(z.string().min(1, "Give the view a slug.")),
  title: text(curationLimits.title, "The title").pipe(z.string().min(1, "Give the view a title.")),
  description: text(curationLimits.description, "The description"),
  lists: text(curationLimits.lists, "The lists"),
});

const fieldNames = ["slug", "title", "description", "lists"] as const;

async function saveView(mode: "create" | "update", state: CurationFormState, formData: FormData): Promise<CurationFormState> {
  const values: Record<string, string> = {};
  for (const name of fieldNames) {
    const value = formData.get(name);
    values[name] = typeof value === "string" ? value.replace(/\r\n?/g, "\n") : "";
  }
  const refused = refusedCurationForm(state, values);

  const parsed = viewSchema.safeParse(values);
  if (!parsed.success) return refused("The view was not saved: see the messages below.", issueFields(parsed.error));
  const { slug, title, description } = parsed.data;
  const lists = parseViewLists(parsed.data.lists);
  if (lists.errors.length > 0) {
    return refused(
      "The view was not saved: see the messages below.",
      { lists: lists.errors.map((e) => `Line ${e.line}: ${e.message}`).join(" ") },
      lists.errors,
    );
  }

  try {
    const db = getDb();
    const actor = await getActor();
    if (mode === "create") await createView(db, actor, { slug, title, description, lists: lists.entries });
    else await updateView(db, actor, slug, { title, description, lists: lists.entries });
  } catch (error) {
    const failure = actionError(error, { action: mode === "create" ? "createView" : "updateView", slug });
    if (failure.kind === "unauthenticated") redirect(routes.signIn(mode === "create" ? routes.newView() : routes.editView(slug)));
    return refused(failure.message, failure.fields);
  }
  revalidatePath(routes.views());
  revalidatePath(routes.view(slug));
  redirect(routes.view(slug, { saved: true }));
}

export async function createViewAction(state: CurationFormState, formData: FormData): Promise<CurationFormState> {
  return saveView("create", state, formData);
}

export async function updateViewAction(state: CurationFormState, formData: FormData): Promise<CurationFormState> {
  return saveView("update", state, formData);
}
