// The status a moderation action reports after its redirect. The URL carries
// only a code, never text, so a crafted link cannot put words on the page.
export const moderationDoneParam = "done";

export const moderationDoneMessages = {
  hidden: "The review is hidden: readers no longer see it, its reports are resolved and the decision is in the log.",
  restored: "The review is published again and the decision is in the log.",
  dismissed: "The reports are dismissed: the review stays as it was and the decision is in the log.",
  released: "The rating freeze is released: the crate's ratings follow its reviews again.",
} as const;

export type ModerationDone = keyof typeof moderationDoneMessages;

/** The message for a `?done=` value, or null for anything else. */
export function moderationDoneMessage(value: string | string[] | undefined): string | null {
  const code = Array.isArray(value) ? value[0] : value;
  return code && Object.hasOwn(moderationDoneMessages, code) ? moderationDoneMessages[code as ModerationDone] : null;
}
