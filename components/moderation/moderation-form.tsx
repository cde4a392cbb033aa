"use client";

import { useActionState, useId } from "react";
import { initialModerationFormState, MAX_REASON_LENGTH, type ModerationFormState } from "./moderation-form-state";

const tones = {
  danger: "bg-danger text-page hover:opacity-90",
  brand: "bg-brand text-on-brand hover:bg-brand-strong",
  neutral: "border border-line bg-panel text-ink hover:bg-page",
} as const;

/**
 * One moderation decision: a required reason and a submit button, posting to
 * a server action. Without JavaScript the form posts as plain HTML and the
 * page comes back with the action's answer (useActionState keeps that
 * working); a refusal's message shows under the reason field.
 */
export function ModerationForm({
  action,
  name,
  fields,
  reasonLabel,
  reasonHint,
  submitLabel,
  tone = "neutral",
}: {
  action: (state: ModerationFormState, formData: FormData) => Promise<ModerationFormState>;
  /** The form's accessible name, e.g. "Hide the review of serde by alice". */
  name: string;
  /** Hidden fields naming what the decision is about. */
  fields: Record<string, string>;
  reasonLabel: string;
  reasonHint?: string;
  submitLabel: string;
  tone?: keyof typeof tones;
}) {
  const [state, formAction, pending] = useActionState(action, initialModerationFormState);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [reasonHint ? hintId : null, state.error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <form action={formAction} aria-label={name} className="space-y-1.5">
      {Object.entries(fields).map(([field, value]) => (
        <input key={field} type="hidden" name={field} value={value} />
      ))}
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
        {reasonLabel}
      </label>
      {reasonHint ? (
        <p id={hintId} className="text-xs text-subtle">
          {reasonHint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <input
          id={`${id}-reason`}
          name="reason"
          defaultValue={state.reason}
          required
          maxLength={MAX_REASON_LENGTH}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={describedBy}
          className="h-9 min-w-0 flex-1 basis-56 rounded border border-line bg-page px-2 text-sm text-ink"
        />
        <button
          type="submit"
          disabled={pending}
          className={`h-9 shrink-0 rounded px-3 text-sm font-semibold disabled:opacity-60 ${tones[tone]}`}
        >
          {submitLabel}
        </button>
      </div>
      {state.error ? (
        <p id={errorId} role="alert" className="text-sm font-medium text-danger">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
