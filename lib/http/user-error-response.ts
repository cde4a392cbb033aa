import { RateLimitedError } from "../reviews/rate-limit";
import { UserError } from "../user-error";
import { internalError } from "./internal-error";

/**
 * A JSON answer for an error thrown by a domain function: a UserError's status
 * and message (`{"error": …}`, plus `fields` when it has some; a 429 gets
 * Retry-After, a 401 WWW-Authenticate), anything else a logged 500.
 */
export function userErrorResponse(context: Record<string, unknown>, error: unknown): Response {
  if (!(error instanceof UserError)) return internalError(context, error);
  const headers: Record<string, string> = {};
  if (error instanceof RateLimitedError) headers["Retry-After"] = String(Math.max(1, Math.ceil((error.retryAt.getTime() - Date.now()) / 1000)));
  if (error.kind === "unauthenticated") headers["WWW-Authenticate"] = 'Bearer realm="cratelist"';
  const body = Object.keys(error.fields).length > 0 ? { error: error.message, fields: error.fields } : { error: error.message };
  return Response.json(body, { status: error.status, headers });
}
