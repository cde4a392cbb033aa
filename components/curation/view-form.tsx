"use client";

import { useActionState, useEffect, useRef } from "react";
import { FormErrorSummary, TextField } from "./field";
import { idleCurationForm, type CurationFormState } from "./form-states";

const labels: Record<string, string> = {
  slug: "Slug",
  title: "Title",
  description: "Description",
  lists: "Lists",
};

/**
 * Creating or editing a view: title, description and its lists, one per line
 * in a plain textarea (so ordering works without JavaScript). Errors about a
 * line say which line.
 */
export function ViewForm({
  action,
  slug,
  initial,
  limits,
}: {
  action: (state: CurationFormState, formData: FormData) => Promise<CurationFormState>;
  /** The view being edited; null to create one (the form then asks for a slug). */
  slug: string | null;
  initial: { title: string; description: string; lists: string };
  limits: { slug: number; title: number; description: number; lists: number };
}) {
  const [state, formAction, pending] = useActionState(action, idleCurationForm);
  const values = { slug: "", ...initial, ...state.values };
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.status === "error") alertRef.current?.focus();
  }, [state]);

  return (
    <form key={state.attempt} action={formAction} className="space-y-5">
      {state.status === "error" ? (
        <FormErrorSummary focusRef={alertRef} message={state.message} fields={state.fields} labels={labels} />
      ) : null}
      {slug === null ? (
        <TextField
          id="slug"
          label="Slug"
          help="Its address: /views/<slug>. 2 to 63 lower-case letters, digits and -. It cannot be changed later."
          error={state.fields.slug}
          defaultValue={values.slug}
          required
          maxLength={limits.slug}
          pattern="[a-z0-9][a-z0-9\-]{1,62}"
          mono
        />
      ) : (
        <input type="hidden" name="slug" value={slug} />
      )}
      <TextField id="title" label="Title" error={state.fields.title} defaultValue={values.title} required maxLength={limits.title} />
      <TextField
        id="description"
        label="Description"
        help="Who the view is for: what it hides and demotes."
        error={state.fields.description}
        defaultValue={values.description}
        multiline
        maxLength={limits.description}
      />
      <TextField
        id="lists"
        label="Lists, in order"
        help={
          <>
            One per line: <code>list:&lt;slug&gt;</code> for a list on this site, or an <code>https://</code> address of a
            list published elsewhere. When rules disagree, the list higher up decides.
          </>
        }
        error={state.fields.lists}
        defaultValue={values.lists}
        multiline
        rows={6}
        required
        maxLength={limits.lists}
        mono
      />
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-brand px-4 py-2 font-semibold text-on-brand hover:bg-brand-strong disabled:opacity-60"
      >
        {pending ? "Saving…" : slug === null ? "Create view" : "Save view"}
      </button>
    </form>
  );
}
