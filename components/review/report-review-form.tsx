"use client";

import { useActionState, useId } from "react";
import type { ReportReason } from "@/lib/generated/prisma/client";
import { idleFormMessage, type FormMessageState } from "./form-states";

/**
 * "Report" behind a disclosure (<details>, so it opens without JavaScript):
 * a reason and optional details, sent to the moderators' queue.
 */
export function ReportReviewForm({
  reviewId,
  reasons,
  detailsMaxLength,
  action,
}: {
  reviewId: number;
  /** Reason values and labels, in display order. */
  reasons: { value: ReportReason; label: string }[];
  detailsMaxLength: number;
  action: (state: FormMessageState, formData: FormData) => Promise<FormMessageState>;
}) {
  const [state, formAction, pending] = useActionState(action, idleFormMessage);
  const id = useId();
  if (state.status === "ok") {
    return (
      <p role="status" className="text-sm text-ok">
        {state.message}
      </p>
    );
  }
  return (
    <details className="text-sm" open={state.status === "error"}>
      <summary className="cursor-pointer text-subtle hover:text-ink">Report</summary>
      <form action={formAction} className="mt-2 max-w-md space-y-2 rounded border border-line bg-panel p-3">
        <input type="hidden" name="reviewId" value={reviewId} />
        <div>
          <label htmlFor={`${id}-reason`} className="block font-medium">
            Reason
          </label>
          <select
            id={`${id}-reason`}
            name="reason"
            required
            defaultValue=""
            className="mt-1 w-full rounded border border-line bg-page px-2 py-1"
          >
            <option value="" disabled>
              Choose a reason
            </option>
            {reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-details`} className="block font-medium">
            Details <span className="font-normal text-subtle">(optional)</span>
          </label>
          <textarea
            id={`${id}-details`}
            name="details"
            rows={3}
            maxLength={detailsMaxLength}
            className="mt-1 w-full rounded border border-line bg-page px-2 py-1"
          />
        </div>
        {state.status === "error" ? (
          <p role="alert" className="text-danger">
            {state.message}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="rounded border border-line bg-page px-3 py-1 font-medium hover:bg-panel disabled:opacity-60"
        >
          Send report
        </button>
      </form>
    </details>
  );
}
