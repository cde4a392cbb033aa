/**
 * What a moderation server action hands back to its form. Success redirects
 * (with a status message in the URL), so only a refusal comes back here: the
 * UserError's message, shown beside the form that caused it.
 */
export interface ModerationFormState {
  error: string | null;
  /** The reason as typed, so that the form keeps it after a refusal (also without JavaScript). */
  reason: string;
}

export const initialModerationFormState: ModerationFormState = { error: null, reason: "" };

/** Longest reason the forms let a moderator type; the domain functions check again. */
export const MAX_REASON_LENGTH = 1000;
