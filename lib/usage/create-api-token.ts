import { z } from "zod";
import type { Actor } from "../auth/actor";
import { requireActor } from "../auth/roles";
import type { PrismaClient } from "../generated/prisma/client";
import { enforceRateLimit } from "../reviews/rate-limit";
import { contextNow, type RequestContext } from "../reviews/request-context";
import { UserError } from "../user-error";
import { apiTokenDisplayPrefix, hashApiTokenSecret, newApiTokenSecret } from "./api-token-secret";

/** Live (not revoked, not expired) tokens one account may hold at once. */
export const maxLiveApiTokens = 20;
/** Lifetimes a new token may get, in days; null never expires. */
export const apiTokenLifetimes = [30, 90, 365, null] as const;

const createApiTokenSchema = z.object({
  name: z
    .string({ message: "Give the token a name." })
    .transform((value) => value.trim())
    .pipe(
      z
        .string()
        .min(1, "Give the token a name, e.g. the CI job that uses it.")
        .max(100, "The name is too long: at most 100 characters.")
        .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "The name cannot contain control characters."),
    ),
  expiresInDays: z
    .union([z.literal(""), z.literal("never"), z.coerce.number()])
    .transform((value) => (value === "" || value === "never" ? null : value))
    .refine((value) => value === null || (apiTokenLifetimes as readonly (number | null)[]).includes(value), "Choose 30, 90 or 365 days, or never."),
});

export interface CreatedApiToken {
  id: number;
  name: string;
  /** The secret, returned this once: only its hash is stored. */
  secret: string;
  prefix: string;
  expiresAt: Date | null;
}

/**
 * Creates a personal API token for the signed-in user (for uploading usage
 * reports from CI). The secret is returned once and never stored; the table
 * keeps its SHA-256. Rate-limited, and at most 20 live tokens per account.
 */
export async function createApiToken(db: PrismaClient, actor: Actor | null, input: unknown, context: RequestContext): Promise<CreatedApiToken> {
  const user = requireActor(actor, "create an API token");
  await enforceRateLimit(db, "api_token", user.id, context);
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "name")] ??= issue.message;
    throw new UserError("invalid", "The token was not created: see the messages below.", fields);
  }
  const now = contextNow(context);
  const live = await db.apiToken.count({
    where: { userId: user.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  if (live >= maxLiveApiTokens) {
    throw new UserError("conflict", `You already have ${maxLiveApiTokens} live tokens: revoke one you no longer use first.`);
  }
  const secret = newApiTokenSecret();
  const expiresAt = parsed.data.expiresInDays === null ? null : new Date(now.getTime() + parsed.data.expiresInDays * 86_400_000);
  const row = await db.apiToken.create({
    data: { userId: user.id, name: parsed.data.name, tokenHash: hashApiTokenSecret(secret), prefix: apiTokenDisplayPrefix(secret), createdAt: now, expiresAt },
  });
  return { id: row.id, name: row.name, secret, prefix: row.prefix, expiresAt };
}
