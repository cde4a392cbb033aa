import { cache } from "react";
import { z } from "zod";
import type { Actor } from "./actor";
import { auth, authConfigured } from "./auth";
import { roles } from "./roles";

// What the session callback in auth.ts puts in the session (it reaches us as
// JSON: dates are strings).
const sessionUserSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  role: z.enum(roles),
  createdAt: z.coerce.date(),
});

/**
 * The signed-in user for server components, server actions and route
 * handlers: read from the session row in the database, with the role as the
 * users table has it now. Null when nobody is signed in, the session expired,
 * or sign-in is not configured. Cached per request, so the header and the page
 * share one lookup.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  if (!authConfigured()) return null;
  const session = await auth();
  const parsed = sessionUserSchema.safeParse(session?.user);
  if (!parsed.success) return null;
  const { id, name, role, createdAt } = parsed.data;
  return { id, name: name ?? null, role, createdAt };
});
