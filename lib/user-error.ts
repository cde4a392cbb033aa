/** What went wrong on the user's side; each kind has its HTTP status. */
export const userErrorStatus = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
} as const;

export type UserErrorKind = keyof typeof userErrorStatus;

/**
 * An error the user caused and can fix: its message is shown to them as is
 * (route handlers answer `userErrorStatus[kind]`, server actions return it to
 * the form). Anything else thrown is our fault: logged, and a 5xx.
 */
export class UserError extends Error {
  readonly kind: UserErrorKind;
  /** Per-field messages for forms, e.g. { overall: "Rate 1 to 5" }. */
  readonly fields: Record<string, string>;

  constructor(kind: UserErrorKind, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = "UserError";
    this.kind = kind;
    this.fields = fields;
  }

  get status(): number {
    return userErrorStatus[this.kind];
  }
}
