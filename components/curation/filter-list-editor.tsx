"use client";

import Link from "next/link";
import { startTransition, useActionState, useEffect, useRef, useState, type FormEvent } from "react";
import type { LineError } from "@/lib/curation/filter-list-types";
import { routes } from "@/lib/routes";
import { idleListEditor, type ListEditorState, type ListPreview } from "./form-states";
import { RulesTextarea } from "./rules-textarea";

function crates(n: number): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? "crate" : "crates"}`;
}

/** "This change hides 312 crates and unhides 4", from the exact counts. */
export function previewSentence(counts: ListPreview["counts"]): string {
  const parts: string[] = [];
  const verbs = [
    ["hides", counts.hides],
    ["unhides", counts.unhides],
    ["demotes", counts.demotes],
    ["undemotes", counts.undemotes],
  ] as const;
  for (const [verb, n] of verbs) {
    if (n > 0) parts.push(parts.length === 0 ? `${verb} ${crates(n)}` : `${verb} ${n.toLocaleString("en-US")}`);
  }
  if (parts.length === 0) return "This change hides, unhides, demotes and undemotes no crate.";
  const last = parts.pop()!;
  return `This change ${parts.length > 0 ? `${parts.join(", ")} and ${last}` : last}.`;
}

function LineErrorList({ errors, fieldId }: { errors: LineError[]; fieldId: string }) {
  return (
    <ul className="mt-1 list-disc pl-5 text-sm">
      {errors.slice(0, 50).map((error, index) => (
        <li key={`${error.line}-${index}`}>
          <a href={`#${fieldId}`} className="text-danger">
            Line {error.line}: {error.message}
          </a>
        </li>
      ))}
      {errors.length > 50 ? <li>…and {errors.length - 50} more.</li> : null}
    </ul>
  );
}

function NameList({ title, names, count }: { title: string; names: string[]; count: number }) {
  if (count === 0) return null;
  return (
    <details className="mt-2">
      <summary className="cursor-pointer font-medium">
        {title} ({count.toLocaleString("en-US")})
      </summary>
      <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 pl-4 text-sm">
        {names.map((name) => (
          <li key={name}>
            <Link href={routes.crate(name)}>{name}</Link>
          </li>
        ))}
      </ul>
      {count > names.length ? (
        <p className="mt-1 pl-4 text-sm text-subtle">
          Showing the first {names.length.toLocaleString("en-US")} of {count.toLocaleString("en-US")}.
        </p>
      ) : null}
    </details>
  );
}

function PreviewPanel({ preview }: { preview: ListPreview }) {
  return (
    <section aria-labelledby="preview-heading" className="rounded border border-brand/40 bg-brand-soft px-4 py-3">
      <h2 id="preview-heading" className="font-semibold">
        Preview (not saved yet)
      </h2>
      <p role="status">{previewSentence(preview.counts)}</p>
      {preview.errors.length > 0 ? (
        <div className="mt-2 text-danger">
          <p className="font-medium">
            The text has {preview.errors.length === 1 ? "1 error" : `${preview.errors.length} errors`}: fix {preview.errors.length === 1 ? "it" : "them"} before saving.
          </p>
          <LineErrorList errors={preview.errors} fieldId="body" />
        </div>
      ) : null}
      <NameList title="Hidden" names={preview.hides} count={preview.counts.hides} />
      <NameList title="No longer hidden" names={preview.unhides} count={preview.counts.unhides} />
      <NameList title="Demoted" names={preview.demotes} count={preview.counts.demotes} />
      <NameList title="No longer demoted" names={preview.undemotes} count={preview.counts.undemotes} />
    </section>
  );
}

/**
 * The filter list editor: one form with two submit buttons, Preview and Save,
 * posting to one server action. Without JavaScript the browser posts it and
 * the server renders the page again with the outcome and the text as typed;
 * with JavaScript the submission goes through useActionState and the text
 * stays in the textarea (never reset), while the rules are checked as they
 * are typed.
 */
export function FilterListEditor({
  action,
  slug,
  revision,
  body,
  maxMessageLength,
}: {
  action: (state: ListEditorState, formData: FormData) => Promise<ListEditorState>;
  slug: string;
  /** The revision the text below is, sent back as expectedRevision. */
  revision: number;
  body: string;
  maxMessageLength: number;
}) {
  const [state, formAction, pending] = useActionState(action, idleListEditor);
  const alertRef = useRef<HTMLDivElement>(null);
  const [intent, setIntent] = useState<"preview" | "save">("save");
  const values = state.values ?? { body, message: "" };
  const expectedRevision = state.expectedRevision ?? revision;

  useEffect(() => {
    if (state.status === "error") alertRef.current?.focus();
  }, [state]);

  function submit(event: FormEvent<HTMLFormElement>) {
    // Dispatched by hand so React does not reset the form after the action:
    // the text must survive a preview, a refusal and a conflict.
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    setIntent(formData.get("intent") === "preview" ? "preview" : "save");
    startTransition(() => formAction(formData));
  }

  return (
    <form action={formAction} onSubmit={submit} className="space-y-5" aria-label={`Edit the rules of ${slug}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="expectedRevision" value={expectedRevision} />
      {state.status === "error" ? (
        <div ref={alertRef} tabIndex={-1} role="alert" className="rounded border border-danger/40 bg-danger-soft px-4 py-3 text-danger">
          <p className="font-semibold">{state.message ?? "Nothing was saved."}</p>
          {state.lineErrors.length > 0 ? <LineErrorList errors={state.lineErrors} fieldId="body" /> : null}
        </div>
      ) : null}
      {state.status === "preview" && state.preview ? <PreviewPanel preview={state.preview} /> : null}

      <RulesTextarea
        id="body"
        name="body"
        label="Rules"
        help="One rule per line, e.g. “hide name:left-pad # why”. Lines starting with # are comments; ! lines are headers. Checked as you type."
        defaultValue={values.body}
        invalid={state.lineErrors.length > 0 || Boolean(state.fields.body)}
        errorId={state.fields.body ? "body-error" : undefined}
      />
      {state.fields.body ? (
        <p id="body-error" className="text-sm font-medium text-danger">
          {state.fields.body}
        </p>
      ) : null}

      <div>
        <label htmlFor="message" className="block font-medium">
          What changed and why <span className="font-normal text-subtle">(required to save; shown in the history)</span>
        </label>
        <input
          id="message"
          name="message"
          type="text"
          required
          maxLength={maxMessageLength}
          defaultValue={values.message}
          aria-invalid={state.fields.message ? true : undefined}
          aria-describedby={state.fields.message ? "message-error" : undefined}
          className="mt-1 h-9 w-full rounded border border-line bg-page px-3 text-sm text-ink"
        />
        {state.fields.message ? (
          <p id="message-error" className="mt-1 text-sm font-medium text-danger">
            {state.fields.message}
          </p>
        ) : null}
      </div>

      {/* Save comes first: it is what Enter in the message field does. */}
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          name="intent"
          value="save"
          disabled={pending}
          className="rounded bg-brand px-4 py-2 font-semibold text-on-brand hover:bg-brand-strong disabled:opacity-60"
        >
          {pending && intent === "save" ? "Saving…" : "Save"}
        </button>
        <button
          type="submit"
          name="intent"
          value="preview"
          formNoValidate
          disabled={pending}
          className="rounded border border-brand px-4 py-2 font-semibold text-brand hover:bg-brand-soft disabled:opacity-60"
        >
          {pending && intent === "preview" ? "Previewing…" : "Preview"}
        </button>
        <Link href={routes.list(slug)} className="self-center">
          Cancel
        </Link>
      </div>
    </form>
  );
}
