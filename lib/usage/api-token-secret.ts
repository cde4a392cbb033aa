import { createHash, randomBytes } from "node:crypto";

/** Every secret starts with this, so leaked tokens are easy to recognise (and to scan for). */
export const apiTokenPrefix = "cl_";

/** A new secret: the prefix and 32 random bytes, base64url (46 characters in all). */
export function newApiTokenSecret(): string {
  return apiTokenPrefix + randomBytes(32).toString("base64url");
}

/** What is stored and looked up: the SHA-256 of the secret, hex. The secret itself is never stored. */
export function hashApiTokenSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** The start of a secret shown in the token list to tell tokens apart (`cl_AbCd1234…`). */
export function apiTokenDisplayPrefix(secret: string): string {
  return secret.slice(0, apiTokenPrefix.length + 8);
}

/** Whether a string has the shape of one of our secrets (checked before any database lookup). */
export function looksLikeApiToken(value: string): boolean {
  return /^cl_[A-Za-z0-9_-]{43}$/.test(value);
}
