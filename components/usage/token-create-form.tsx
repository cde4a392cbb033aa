"use client";

import { useActionState } from "react";
import { idleTokenForm, type TokenFormState } from "./token-form-state";

/**
 * "New token": a name and a lifetime. The created secret is shown once,
 * with what to do with it; a plain form, so it works without JavaScript too.
 */
export function TokenCreateForm({ action }: { action: (state: TokenFormState, formData: FormData) => Promise<TokenFormState> }) {
  const [state, formAction, pending] = useActionState(action, idleTokenForm);
  return (
    <div className="space-y-4">
      {state.created ? (
        <div role="status" className="space-y-2 rounded border border-ok/40 bg-ok-soft p-3 text-sm">
          <p className="font-semibold text-ok">
            Token &ldquo;{state.created.name}&rdquo; created
            {state.created.expiresAt ? `, valid until ${state.created.expiresAt.slice(0, 10)}` : ", without an expiry date"}.
          </p>
          <p>Copy it now: it is not stored and will not be shown again.</p>
          <label htmlFor="new-token-secret" className="sr-only">
            The new token
          </label>
          <input
            id="new-token-secret"
            readOnly
            value={state.created.secret}
            data-testid="new-token"
            className="w-full rounded border border-line bg-page px-2 py-1 font-mono text-sm"
          />
        </div>
      ) : null}
      <form action={formAction} className="space-y-3" key={state.created ? state.attempt : "form"}>
        <div>
          <label htmlFor="token-name" className="block font-medium">
            Name
          </label>
          <p id="token-name-help" className="text-sm text-subtle">
            Where you will use it, e.g. &ldquo;CI of my-app&rdquo;.
          </p>
          <input
            id="token-name"
            name="name"
            required
            maxLength={100}
            aria-describedby={state.fields.name ? "token-name-help token-name-error" : "token-name-help"}
            aria-invalid={state.fields.name ? true : undefined}
            className="mt-1 h-9 w-full max-w-md rounded border border-line bg-page px-3 text-sm"
          />
          {state.fields.name ? (
            <p id="token-name-error" className="text-sm text-danger">
              {state.fields.name}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor="token-expiry" className="block font-medium">
            Expires
          </label>
          <select id="token-expiry" name="expiresInDays" defaultValue="90" className="mt-1 h-9 rounded border border-line bg-page px-2 text-sm">
            <option value="30">in 30 days</option>
            <option value="90">in 90 days</option>
            <option value="365">in a year</option>
            <option value="never">never</option>
          </select>
          {state.fields.expiresInDays ? <p className="text-sm text-danger">{state.fields.expiresInDays}</p> : null}
        </div>
        {state.status === "error" && state.message ? (
          <p role="alert" className="text-sm text-danger">
            {state.message}
          </p>
        ) : null}
        <button type="submit" disabled={pending} className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand/90 disabled:opacity-60">
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </div>
  );
}
