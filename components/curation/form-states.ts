import type { LineError } from "@/lib/curation/filter-list-types";
import type { FilterListPreview } from "@/lib/curation/preview-filter-list";

// What the curation server actions hand back to their forms (useActionState).
// Plain data: the same state renders the form after a JavaScript submission
// and in the page the server renders for a submission without JavaScript.

/** What previewFilterList found, as the editor shows it. Name arrays are capped; counts are exact. */
export type ListPreview = FilterListPreview;

export interface ListEditorState {
  status: "idle" | "error" | "preview";
  /** The summary above the form. */
  message: string | null;
  /** Errors the server found, by line (a save refused for an invalid list). */
  lineErrors: LineError[];
  /** Messages per field (body, message). */
  fields: Record<string, string>;
  preview: ListPreview | null;
  /** What was typed, to show it again; null before the first submission. */
  values: { body: string; message: string } | null;
  /** The revision the text was based on (kept through a conflict, so a second save is refused as well). */
  expectedRevision: number | null;
  attempt: number;
}

export const idleListEditor: ListEditorState = {
  status: "idle",
  message: null,
  lineErrors: [],
  fields: {},
  preview: null,
  values: null,
  expectedRevision: null,
  attempt: 0,
};

/** A form with named text fields (new list, view): its outcome and what was typed. */
export interface CurationFormState {
  status: "idle" | "error";
  message: string | null;
  fields: Record<string, string>;
  /** Errors by line in a multi-line field (the rules of a new list, the lists of a view). */
  lineErrors: LineError[];
  values: Record<string, string> | null;
  attempt: number;
}

export const idleCurationForm: CurationFormState = { status: "idle", message: null, fields: {}, lineErrors: [], values: null, attempt: 0 };

/** The refusal of a form's `attempt`, keeping what was typed (`values`) for the form to show again. */
export function refusedCurationForm(state: CurationFormState, values: Record<string, string>) {
  return (message: string | null, fields: Record<string, string>, lineErrors: LineError[] = []): CurationFormState => ({
    status: "error",
    message,
    fields,
    lineErrors,
    values,
    attempt: state.attempt + 1,
  });
}

/** A message per field, keyed by the first path segment of each issue (the first issue of a field wins). */
export function issueFields(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) fields[String(issue.path[0] ?? "form")] ??= issue.message;
  return fields;
}

/** A small form's outcome (a curator added, a revert refused). */
export interface CurationMessageState {
  status: "idle" | "ok" | "error";
  message: string | null;
}

export const idleCurationMessage: CurationMessageState = { status: "idle", message: null };
