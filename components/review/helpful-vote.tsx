"use client";

import { useActionState } from "react";
import { idleFormMessage, type FormMessageState } from "./form-states";
import { formatHelpful, helpfulExplanation } from "./format-helpful";

/**
 * "Helpful" toggle for one review. A plain form posting to the server action,
 * so it works before (or without) JavaScript; the count shown comes from the
 * server, refreshed by the action.
 */
export function HelpfulVote({
  reviewId,
  helpful,
  voted,
  action,
}: {
  reviewId: number;
  helpful: number;
  voted: boolean;
  action: (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormMessage);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="reviewId" value={reviewId} />
      <input type="hidden" name="helpful" value={voted ? "false" : "true"} />
      <button
        type="submit"
        aria-pressed={voted}
        disabled={pending}
        className={`rounded border px-2 py-0.5 text-sm font-medium disabled:opacity-60 ${
          voted ? "border-brand bg-brand-soft text-brand" : "border-line hover:bg-panel"
        }`}
      >
        {voted ? "Marked helpful" : "Helpful"}
      </button>
      <span className="text-sm text-subtle" data-testid="helpful-count" title={helpfulExplanation}>
        {formatHelpful(helpful)}
      </span>
      {state.status === "error" ? (
        <span role="alert" className="text-sm text-danger">
          {state.message}
        </span>
      ) : null}
    </form>
  );
}
