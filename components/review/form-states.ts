// What server actions hand back to their forms (useActionState). Plain data:
// the same state renders the form after a JavaScript submission and in the page
// the server renders for a submission without JavaScript.

/** A small form's outcome: a vote or a report. */
export interface FormMessageState {
  status: "idle" | "ok" | "error";
  message: string | null;
}

export const idleFormMessage: FormMessageState = { status: "idle", message: null };

/** The review form's fields as typed (strings, as forms send them). */
export interface ReviewFormValues {
  version: string;
  experience: string;
  body: string;
  overall: string;
  documentation: string;
  apiDesign: string;
  reliability: string;
  maintenance: string;
  security: string;
  performance: string;
}

export const reviewFormFields = [
  "version",
  "experience",
  "body",
  "overall",
  "documentation",
  "apiDesign",
  "reliability",
  "maintenance",
  "security",
  "performance",
] as const satisfies readonly (keyof ReviewFormValues)[];

export interface ReviewFormState {
  status: "idle" | "error";
  /** The summary shown above the form. */
  message: string | null;
  /** Messages per field, keyed like ReviewFormValues. */
  fields: Record<string, string>;
  /** What was typed, to show it again; null before the first submission. */
  values: ReviewFormValues | null;
  /** Counts submissions, so the form remounts with the values sent back. */
  attempt: number;
}

export const idleReviewForm: ReviewFormState = { status: "idle", message: null, fields: {}, values: null, attempt: 0 };
