import type { Role } from "../generated/prisma/client";
import type { Actor } from "./actor";
import { UserError } from "../user-error";

/** Roles from least to most trusted; each includes the rights of those before it. */
export const roles = ["user", "curator", "moderator", "admin"] as const satisfies readonly Role[];

export function hasRole(actor: Actor | null, least: Role): boolean {
  return actor !== null && roles.indexOf(actor.role) >= roles.indexOf(least);
}

/** The actor, or a 401 UserError when nobody is signed in. */
export function requireActor(actor: Actor | null, doing: string): Actor {
  if (!actor) throw new UserError("unauthenticated", `Sign in to ${doing}.`);
  return actor;
}

/** The actor if it has at least `least`, else a 401 (anonymous) or 403 UserError. */
export function requireRole(actor: Actor | null, least: Role, doing: string): Actor {
  const signedIn = requireActor(actor, doing);
  if (!hasRole(signedIn, least)) {
    throw new UserError("forbidden", least === "admin" ? `Only an admin may ${doing}.` : `Only a ${least} or above may ${doing}.`);
  }
  return signedIn;
}
