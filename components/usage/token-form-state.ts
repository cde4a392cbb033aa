/** What the "new token" form's server action hands back (useActionState). */
export interface TokenFormState {
  status: "idle" | "created" | "error";
  message: string | null;
  fields: Record<string, string>;
  /** The new token, with its secret: shown this once. */
  created: { name: string; secret: string; expiresAt: string | null } | null;
  attempt: number;
}

export const idleTokenForm: TokenFormState = { status: "idle", message: null, fields: {}, created: null, attempt: 0 };
