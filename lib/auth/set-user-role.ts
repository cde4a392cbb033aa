import { z } from "zod";
import type { PrismaClient, Role } from "../generated/prisma/client";
import { UserError } from "../user-error";
import type { Actor } from "./actor";
import { requireRole, roles } from "./roles";

export const setUserRoleSchema = z.object({
  userId: z.string({ error: "Say whose role to change." }).trim().min(1, "Say whose role to change.").max(200),
  role: z.enum(roles, {
    error: (issue) =>
      `${issue.input === undefined || issue.input === "" ? "No role given" : `Unknown role "${String(issue.input).slice(0, 40)}"`}: choose ${roles.join(", ")}.`,
  }),
  reason: z
    .string({ error: "Give a reason: it goes in the moderation log." })
    .trim()
    .min(1, "Give a reason: it goes in the moderation log.")
    .max(500, "Keep the reason under 500 characters."),
});

export type SetUserRoleInput = z.infer<typeof setUserRoleSchema>;

export interface RoleChange {
  userId: string;
  name: string | null;
  from: Role;
  to: Role;
}

/**
 * Gives a user another role (admin only). Writes a `set_role` entry to the
 * moderation log with the old and new role and the reason. Refuses to take
 * the admin role from the last admin, so the site always keeps one.
 */
export async function setUserRole(db: PrismaClient, actor: Actor | null, input: unknown): Promise<RoleChange> {
  const admin = requireRole(actor, "admin", "change roles");
  return changeRole(db, admin.id, input);
}

/**
 * The same change made by the system, for the `npm run user:role` command the
 * operator runs on the server (logged with no actor). Never call it from a
 * request handler: it checks no permission.
 */
export async function setUserRoleAsSystem(db: PrismaClient, input: unknown): Promise<RoleChange> {
  return changeRole(db, null, input);
}

async function changeRole(db: PrismaClient, actorId: string | null, input: unknown): Promise<RoleChange> {
  const parsed = setUserRoleSchema.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? "input"), i.message]));
    throw new UserError("invalid", parsed.error.issues[0]!.message, fields);
  }
  const { userId, role, reason } = parsed.data;

  return db.$transaction(async (tx) => {
    // Role changes take turns, so two admins demoting each other at once
    // cannot leave the site with none.
    await tx.$queryRaw`SELECT 1 FROM pg_advisory_xact_lock(hashtext('cratelist:set_user_role'))`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, role: true } });
    if (!user) throw new UserError("not_found", `No user has the id "${userId}".`);
    const who = user.name ?? user.email ?? user.id;
    if (user.role === role) throw new UserError("conflict", `${who} is already ${article(role)} ${role}.`, { role: "Unchanged" });
    if (user.role === "admin") {
      const admins = await tx.user.count({ where: { role: "admin" } });
      if (admins <= 1) {
        throw new UserError("conflict", `${who} is the only admin: make someone else admin first.`, {
          role: "The site needs at least one admin.",
        });
      }
    }
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await tx.moderationLog.create({
      data: { actorId, action: "set_role", subject: `user:${user.id}`, reason: `role ${user.role} → ${role}: ${reason}` },
    });
    return { userId: user.id, name: user.name, from: user.role, to: role };
  });
}

const article = (role: Role) => (role === "admin" ? "an" : "a");
