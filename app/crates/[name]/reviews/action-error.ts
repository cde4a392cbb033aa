import { unstable_rethrow } from "next/navigation";
import { UserError } from "@/lib/user-error";

/** What a form shows when an action failed. */
export interface ActionError {
  kind: UserError["kind"] | "internal";
  message: string;
  fields: Record<string, string>;
}

/**
 * A failed action's error as the form shows it: a UserError's own message and
 * per-field messages; anything else is our fault, so it is logged and the
 * person gets a generic message (never a stack or a database error).
 * Next's control-flow errors (redirect, notFound) are rethrown.
 */
export function actionError(error: unknown, context: Record<string, unknown>): ActionError {
  unstable_rethrow(error);
  if (error instanceof UserError) return { kind: error.kind, message: error.message, fields: error.fields };
  console.error("[action] failed", { ...context, error });
  return {
    kind: "internal",
    message: "Something went wrong on our side and nothing was saved. Try again later.",
    fields: {},
  };
}
