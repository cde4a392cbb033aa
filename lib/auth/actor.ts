import type { Role } from "../generated/prisma/client";

/**
 * The signed-in person a mutation acts for, as the server knows it (read from
 * the session in the database, never from the client). Domain functions take
 * `Actor | null` and check permissions themselves, so every entry point (server
 * action, route handler, command) gets the same checks.
 */
export interface Actor {
  id: string;
  role: Role;
  name: string | null;
  createdAt: Date;
}
