"use client";

import { useActionState } from "react";
import { roles } from "@/lib/auth/roles";
import type { Role } from "@/lib/generated/prisma/enums";

export interface RoleFormState {
  status: "idle" | "ok" | "error";
  message: string;
  fields: Record<string, string>;
}

/**
 * One user's role change on /admin/users: role and reason, posted to a server
 * action (so it works without JavaScript too; the page re-renders with the
 * outcome).
 */
export function RoleForm({
  action,
  userId,
  userLabel,
  role,
}: {
  action: (state: RoleFormState, formData: FormData) => Promise<RoleFormState>;
  userId: string;
  userLabel: string;
  role: Role;
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle", message: "", fields: {} });
  const id = `role-${userId}`;
  return (
    <form action={formAction} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="userId" value={userId} />
      <div>
        <label htmlFor={`${id}-role`} className="sr-only">
          Role for {userLabel}
        </label>
        <select
          id={`${id}-role`}
          name="role"
          defaultValue={role}
          className="h-9 rounded border border-line bg-page px-2 text-sm text-ink"
          aria-invalid={state.fields.role ? true : undefined}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-reason`} className="sr-only">
          Reason for changing the role of {userLabel}
        </label>
        <input
          id={`${id}-reason`}
          name="reason"
          required
          maxLength={500}
          placeholder="Reason"
          className="h-9 w-48 rounded border border-line bg-page px-2 text-sm text-ink placeholder:text-subtle"
          aria-invalid={state.fields.reason ? true : undefined}
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="h-9 rounded border border-brand px-3 text-sm font-semibold text-brand hover:bg-brand-soft disabled:opacity-60"
      >
        Change role<span className="sr-only"> of {userLabel}</span>
      </button>
      {state.status !== "idle" ? (
        <p role={state.status === "error" ? "alert" : "status"} className={`w-full text-sm ${state.status === "error" ? "text-danger" : "text-ok"}`}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
