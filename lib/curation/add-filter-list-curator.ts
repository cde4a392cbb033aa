import type { PrismaClient } from "../generated/prisma/client";
import type { Actor } from "../auth/actor";
import { requireRole } from "../auth/roles";
import { UserError } from "../user-error";

/**
 * Makes a user (by id or email) a curator of a list (admins only). A user
 * whose role is "user" is raised to "curator", logged in moderation_log as a
 * set_role like lib/auth/set-user-role.ts does.
 */
export async function addFilterListCurator(
  db: PrismaClient,
  actor: Actor | null,
  slug: string,
  userIdOrEmail: string,
): Promise<{ userId: string; roleRaised: boolean }> {
  const admin = requireRole(actor, "admin", "choose a list's curators");
  const who = userIdOrEmail.trim();
  if (!who) throw new UserError("invalid", "Say whom to add: a user id or an email.", { user: "Required" });
  return db.$transaction(async (tx) => {
    const list = await tx.filterList.findUnique({ where: { slug }, select: { id: true, title: true } });
    if (!list) throw new UserError("not_found", `No filter list has the slug "${slug}".`);
    const user =
      (await tx.user.findUnique({ where: { id: who }, select: { id: true, name: true, role: true } })) ??
      (who.includes("@") ? await tx.user.findFirst({ where: { email: { equals: who, mode: "insensitive" } }, select: { id: true, name: true, role: true } }) : null);
    if (!user) throw new UserError("not_found", `No user has the id or email "${who}".`, { user: "Unknown user" });
    const existing = await tx.filterListCurator.findUnique({ where: { listId_userId: { listId: list.id, userId: user.id } } });
    if (existing) throw new UserError("conflict", `${user.name ?? user.id} is already a curator of ${list.title}.`, { user: "Already a curator" });
    await tx.filterListCurator.create({ data: { listId: list.id, userId: user.id } });
    const roleRaised = user.role === "user";
    if (roleRaised) {
      await tx.user.update({ where: { id: user.id }, data: { role: "curator" } });
      await tx.moderationLog.create({
        data: { actorId: admin.id, action: "set_role", subject: `user:${user.id}`, reason: `role user → curator: made a curator of list ${slug}` },
      });
    }
    return { userId: user.id, roleRaised };
  });
}
