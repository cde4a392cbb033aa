import { createHmac, timingSafeEqual } from "node:crypto";
import { getAuthEnv } from "../env";

// A message a redirect carries in its URL (`/usage?error=…&sig=…`) for the
// next page to show. Signed with AUTH_SECRET, so that a link crafted by
// someone else cannot make our page display text of their choosing.

function mac(message: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`notice\n${message}`).digest();
}

/** The signature of `message` (base64url), or null when no secret is configured (sign-in is off then anyway). */
export function signNotice(message: string): string | null {
  const secret = getAuthEnv().AUTH_SECRET;
  return secret ? mac(message, secret).toString("base64url") : null;
}

/** Whether `signature` is ours for `message`. */
export function verifyNotice(message: string, signature: string | undefined): boolean {
  const secret = getAuthEnv().AUTH_SECRET;
  if (!secret || !signature) return false;
  const expected = mac(message, secret);
  const given = Buffer.from(signature, "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
