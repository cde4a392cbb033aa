"use client";

import { useActionState, type ReactNode } from "react";
import { idleCurationMessage, type CurationMessageState } from "./form-states";

/**
 * A small form posting to a server action that answers with a message (add a
 * curator, remove one, revert): hidden fields and inputs come as children.
 * Works without JavaScript; the outcome is announced either way.
 */
export function MessageForm({
  action,
  label,
  submitLabel,
  pendingLabel,
  children,
  className = "",
  danger = false,
}: {
  action: (state: CurationMessageState, formData: FormData) => Promise<CurationMessageState>;
  /** The form's accessible name. */
  label: string;
  submitLabel: ReactNode;
  pendingLabel: string;
  children?: ReactNode;
  className?: string;
  danger?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, idleCurationMessage);
  return (
    <form action={formAction} aria-label={label} className={`flex flex-wrap items-end gap-2 ${className}`}>
      {children}
      <button
        type="submit"
        disabled={pending}
        className={`h-9 rounded border px-3 text-sm font-semibold disabled:opacity-60 ${
          danger ? "border-danger text-danger hover:bg-danger-soft" : "border-brand text-brand hover:bg-brand-soft"
        }`}
      >
        {pending ? pendingLabel : submitLabel}
      </button>
      {state.status !== "idle" ? (
        <p role={state.status === "error" ? "alert" : "status"} className={`w-full text-sm ${state.status === "error" ? "text-danger" : "text-ok"}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
