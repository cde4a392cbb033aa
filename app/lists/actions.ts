"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { issueFields, refusedCurationForm, type CurationFormState, type CurationMessageState, type ListEditorState } from "@/components/curation/form-states";
import { curationLimits } from "@/components/curation/limits";
import { getActor } from "@/lib/auth/get-actor";
import { addFilterListCurator } from "@/lib/curation/add-filter-list-curator";
import { createFilterList } from "@/lib/curation/create-filter-list";
import { FilterListInvalid } from "@/lib/curation/filter-list-invalid";
import { previewFilterList } from "@/lib/curation/preview-filter-list";
import { removeFilterListCurator } from "@/lib/curation/remove-filter-list-curator";
import { revertFilterList } from "@/lib/curation/revert-filter-list";
import { saveFilterList } from "@/lib/curation/save-filter-list";
import { getDb } from "@/lib/db";
import { routes } from "@/lib/routes";
import { actionError } from "../crates/[name]/reviews/action-error";

// The filter list forms' server actions. Each reads the actor from the session
// and lets the store decide who may do what (anyone can POST to an action, so
// the pages' checks only decide what to show). Input is checked here only for
// shape and size; success redirects (POST-redirect-GET) so a reload does not
// post again.

/** Textareas post CRLF line ends; lists are stored with LF so diffs and line numbers agree. */
const text = (max: number, what: string) =>
  z
    .string({ message: `${what} is missing.` })
    .max(max, `${what} is too long: at most ${max.toLocaleString("en-US")} characters.`)
    .transform((value) => value.replace(/\r\n?/g, "\n"));

const slugSchema = z.string({ message: "The list is missing." }).trim().min(1, "The list is missing.").max(100, "No such list.");

const editListSchema = z.object({
  slug: slugSchema,
  intent: z.enum(["preview", "save"], { message: "Choose Preview or Save." }),
  body: text(curationLimits.body, "The list"),
  message: text(curationLimits.message, "The message").transform((value) => value.trim()),
  expectedRevision: z.coerce.number({ message: "Reload the page: the form lost its revision." }).int().min(0),
});

const createListSchema = z.object({
  slug: text(curationLimits.slug, "The slug").transform((value) => value.trim()),
  title: text(curationLimits.title, "The title").transform((value) => value.trim()),
  description: text(curationLimits.description, "The description").transform((value) => value.trim()),
  body: text(curationLimits.body, "The list"),
  message: text(curationLimits.message, "The message").transform((value) => value.trim()),
});

const revertSchema = z.object({
  slug: slugSchema,
  toRevision: z.coerce.number({ message: "Choose a revision." }).int().min(0),
});

const curatorSchema = z.object({
  slug: slugSchema,
  user: text(curationLimits.curator, "The user").transform((value) => value.trim()),
});

function field(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? "The form was not complete.";
}


/** Preview or save, one form with two submit buttons (the `intent`). */
export async function editFilterListAction(state: ListEditorState, formData: FormData): Promise<ListEditorState> {
  const typed = { body: (field(formData, "body") ?? "").replace(/\r\n?/g, "\n"), message: field(formData, "message") ?? "" };
  const base: ListEditorState = {
    ...state,
    status: "error",
    message: null,
    lineErrors: [],
    fields: {},
    preview: null,
    values: typed,
    attempt: state.attempt + 1,
  };
  const parsed = editListSchema.safeParse({
    slug: field(formData, "slug"),
    intent: field(formData, "intent") ?? "save",
    body: field(formData, "body"),
    message: field(formData, "message") ?? "",
    expectedRevision: field(formData, "expectedRevision"),
  });
  if (!parsed.success) return { ...base, message: firstIssue(parsed.error), fields: issueFields(parsed.error) };
  const { slug, intent, body, message, expectedRevision } = parsed.data;
  const kept = { ...base, expectedRevision };

  if (intent === "preview") {
    try {
      const preview = await previewFilterList(getDb(), await getActor(), slug, body);
      return { ...kept, status: "preview", preview };
    } catch (error) {
      const failure = actionError(error, { action: "previewFilterList", slug });
      if (failure.kind === "unauthenticated") redirect(routes.signIn(routes.editList(slug)));
      return { ...kept, message: failure.message, fields: failure.fields };
    }
  }

  if (message === "") {
    return { ...kept, message: "Say what changed: the message is shown in the history.", fields: { message: "Write a message to save." } };
  }
  let revision: number;
  try {
    ({ revision } = await saveFilterList(getDb(), await getActor(), slug, { body, message, expectedRevision }));
  } catch (error) {
    if (error instanceof FilterListInvalid) {
      return { ...kept, message: error.message, lineErrors: error.lineErrors, fields: {} };
    }
    const failure = actionError(error, { action: "saveFilterList", slug, expectedRevision });
    if (failure.kind === "unauthenticated") redirect(routes.signIn(routes.editList(slug)));
    const message =
      failure.kind === "conflict"
        ? `${failure.message} Your text is kept below: copy it, then reload the editor to start from the newest revision.`
        : failure.message;
    return { ...kept, message, fields: failure.fields };
  }
  revalidatePath(routes.list(slug));
  redirect(routes.list(slug, { saved: revision }));
}

export async function createFilterListAction(state: CurationFormState, formData: FormData): Promise<CurationFormState> {
  const values = Object.fromEntries(["slug", "title", "description", "body", "message"].map((name) => [name, field(formData, name) ?? ""]));
  values.body = values.body!.replace(/\r\n?/g, "\n");
  const refused = refusedCurationForm(state, values);
  const parsed = createListSchema.safeParse(values);
  if (!parsed.success) return refused("The list was not created: see the messages below.", issueFields(parsed.error));
  let slug: string;
  try {
    ({ slug } = await createFilterList(getDb(), await getActor(), parsed.data));
  } catch (error) {
    if (error instanceof FilterListInvalid) {
      const shown = error.lineErrors.slice(0, 5).map((e) => `Line ${e.line}: ${e.message}`);
      const more = error.lineErrors.length > 5 ? ` (and ${error.lineErrors.length - 5} more)` : "";
      return refused(error.message, { body: `${shown.join(" ")}${more}` }, error.lineErrors);
    }
    const failure = actionError(error, { action: "createFilterList", slug: parsed.data.slug });
    if (failure.kind === "unauthenticated") redirect(routes.signIn(routes.newList()));
    return refused(failure.message, failure.fields);
  }
  revalidatePath(routes.lists());
  redirect(routes.list(slug, { created: true }));
}

export async function revertFilterListAction(_state: CurationMessageState, formData: FormData): Promise<CurationMessageState> {
  const parsed = revertSchema.safeParse({ slug: field(formData, "slug"), toRevision: field(formData, "toRevision") });
  if (!parsed.success) return { status: "error", message: firstIssue(parsed.error) };
  const { slug, toRevision } = parsed.data;
  let revision: number;
  try {
    ({ revision } = await revertFilterList(getDb(), await getActor(), slug, toRevision));
  } catch (error) {
    const failure = actionError(error, { action: "revertFilterList", slug, toRevision });
    if (failure.kind === "unauthenticated") redirect(routes.signIn(routes.listRevision(slug, toRevision)));
    return { status: "error", message: failure.message };
  }
  revalidatePath(routes.list(slug));
  redirect(routes.list(slug, { saved: revision }));
}

export async function addCuratorAction(_state: CurationMessageState, formData: FormData): Promise<CurationMessageState> {
  const parsed = curatorSchema.safeParse({ slug: field(formData, "slug"), user: field(formData, "user") });
  if (!parsed.success) return { status: "error", message: firstIssue(parsed.error) };
  if (parsed.data.user === "") return { status: "error", message: "Give the user's id or email." };
  try {
    await addFilterListCurator(getDb(), await getActor(), parsed.data.slug, parsed.data.user);
  } catch (error) {
    return { status: "error", message: actionError(error, { action: "addFilterListCurator", slug: parsed.data.slug }).message };
  }
  revalidatePath(routes.list(parsed.data.slug));
  return { status: "ok", message: `${parsed.data.user} is now a curator of this list.` };
}

export async function removeCuratorAction(_state: CurationMessageState, formData: FormData): Promise<CurationMessageState> {
  const parsed = curatorSchema.safeParse({ slug: field(formData, "slug"), user: field(formData, "userId") });
  if (!parsed.success) return { status: "error", message: firstIssue(parsed.error) };
  try {
    await removeFilterListCurator(getDb(), await getActor(), parsed.data.slug, parsed.data.user);
  } catch (error) {
    return { status: "error", message: actionError(error, { action: "removeFilterListCurator", slug: parsed.data.slug }).message };
  }
  revalidatePath(routes.list(parsed.data.slug));
  return { status: "ok", message: "Removed from the curators of this list." };
}
