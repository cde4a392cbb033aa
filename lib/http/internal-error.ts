import { jsonError } from "./json-error";

/**
 * Logs an error we caused, with what the request was about, and answers a 500
 * that says what to do without leaking the stack or the message.
 */
export function internalError(context: Record<string, unknown>, error: unknown): Response {
  console.error("[api] request failed", { ...context, error });
  return jsonError(500, "Internal server error: the failure was logged. Try again later.");
}
