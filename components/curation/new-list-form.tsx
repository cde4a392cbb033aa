"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormErrorSummary, TextField } from "./field";
import { idleCurationForm, type CurationFormState } from "./form-states";
import { RulesTextarea } from "./rules-textarea";

const labels: Record<string, string> = {
  slug: "Slug",
  title: "Title",
  description: "Description",
  body: "Rules",
  message: "Message",
};

const starterBody = `! Title: 
! Description: 
# One rule per line; a reason after " # " is shown with the crates it affects.
`;

/** Creating a filter list: works without JavaScript (the server renders the form again with the messages and what was typed). */
export function NewListForm({
  action,
  limits,
}: {
  action: (state: CurationFormState, formData: FormData) => Promise<CurationFormState>;
  limits: { slug: number; title: number; description: number; message: number };
}) {
  const [state, formAction, pending] = useActionState(action, idleCurationForm);
  const values = state.values ?? { slug: "", title: "", description: "", body: starterBody, message: "First version" };
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.status === "error") alertRef.current?.focus();
  }, [state]);

  return (
    <form key={state.attempt} action={formAction} className="space-y-5">
      {state.status === "error" ? (
        <FormErrorSummary focusRef={alertRef} message={state.message} fields={state.fields} labels={labels} />
      ) : null}
      <TextField
        id="slug"
        label="Slug"
        help="Its address: /lists/<slug>. 2 to 63 lower-case letters, digits and -, starting with a letter or digit. It cannot be changed later."
        error={state.fields.slug}
        defaultValue={values.slug ?? ""}
        required
        maxLength={limits.slug}
        pattern="[a-z0-9][a-z0-9\-]{1,62}"
        mono
      />
      <TextField id="title" label="Title" error={state.fields.title} defaultValue={values.title ?? ""} required maxLength={limits.title} />
      <TextField
        id="description"
        label="Description"
        help="What the list is for and what it leaves alone."
        error={state.fields.description}
        defaultValue={values.description ?? ""}
        multiline
        maxLength={limits.description}
      />
      <RulesTextarea
        id="body"
        name="body"
        label="Rules"
        help="The first version of the list; you can edit it later. Checked as you type."
        defaultValue={values.body ?? ""}
        rows={12}
        invalid={Boolean(state.fields.body) || state.lineErrors.length > 0}
        errorId={state.fields.body ? "body-error" : undefined}
      />
      {state.fields.body ? (
        <p id="body-error" className="text-sm font-medium text-danger">
          {state.fields.body}
        </p>
      ) : null}
      <TextField
        id="message"
        label="Message for the history"
        error={state.fields.message}
        defaultValue={values.message ?? ""}
        required
        maxLength={limits.message}
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand px-4 py-2 font-semibold text-on-brand hover:bg-brand-strong disabled:opacity-60"
      >
        {pending ? "Creating…" : "Create list"}
      </button>
    </form>
  );
}
