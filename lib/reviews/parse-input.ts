import { z } from "zod";
import { UserError } from "../user-error";

// Field schemas the review mutations share, and the one way their zod errors
// become a UserError with per-field messages.

/** Parses `input` or throws a 422 UserError with one message per field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "input");
    fields[field] ??= issue.message;
  }
  throw new UserError("invalid", Object.values(fields).join(" "), fields);
}

/** A review id from a form or URL: a positive integer or its digits. */
export const reviewIdSchema = z.union([z.number(), z.string().trim().regex(/^\d{1,10}$/).transform(Number)], { error: "No such review." })
  .pipe(z.number({ error: "No such review." }).int("No such review.").positive("No such review.").max(2_147_483_647, "No such review."));

/** Why a moderator acts: required, it goes in the moderation log. */
export const moderationReasonSchema = z
  .string({ error: "Give a reason: it goes in the moderation log." })
  .trim()
  .min(1, "Give a reason: it goes in the moderation log.")
  .max(1000, "Keep the reason under 1,000 characters.");

/** A checkbox or boolean: true, false, or their spellings in form posts. */
export const booleanSchema = (message: string) =>
  z.union([z.boolean(), z.enum(["true", "false", "on", "off", "1", "0"]).transform((v) => v === "true" || v === "on" || v === "1")], { error: message });

/**
 * A 1-5 rating as a number or a form's numeric string. Empty (absent, null,
 * "") means "not rated", or is refused with the `missing` message.
 */
export function ratingSchema(label: string, missing?: string) {
  // .optional() first: zod 4 treats a transformed key as required otherwise.
  return z.unknown().optional().transform((value, ctx): number | null => {
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    };
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
      return missing ? fail(missing) : null;
    }
    const number = typeof value === "number" ? value : typeof value === "string" && /^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(value) ? Number(value) : NaN;
    const shown = JSON.stringify(typeof value === "string" ? value.slice(0, 20) : value) ?? String(value);
    if (!Number.isFinite(number)) return fail(`The ${label} rating must be a number from 1 to 5, not ${shown}.`);
    if (!Number.isInteger(number)) return fail(`The ${label} rating must be a whole number from 1 to 5 (${shown} is not).`);
    if (number < 1 || number > 5) return fail(`The ${label} rating must be from 1 to 5 (${shown} is not).`);
    return number;
  });
}
