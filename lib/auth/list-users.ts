import type { Prisma, PrismaClient, Role } from "../generated/prisma/client";
import type { Actor } from "./actor";
import { requireRole } from "./roles";

export interface UserListEntry {
  id: string;
  name: string | null;
  email: string | null;
  role: Role;
  createdAt: Date;
}

export const USERS_PER_PAGE = 50;

/**
 * The site's accounts for the admin page (admin only: emails are private),
 * newest first; `q` matches part of a name or email, case-insensitively.
 */
export async function listUsers(
  db: PrismaClient,
  actor: Actor | null,
  { q = "", page = 1 }: { q?: string; page?: number } = {},
): Promise<{ users: UserListEntry[]; total: number; page: number; perPage: number }> {
  requireRole(actor, "admin", "see the list of users");
  const term = q.trim().slice(0, 200);
  const where: Prisma.UserWhereInput = term
    ? {
        OR: [
          { name: { contains: term, mode: "insensitive" } },
          { email: { contains: term, mode: "insensitive" } },
          { id: term },
        ],
      }
    : {};
  const current = Math.max(1, Math.floor(page));
  const [users, total] = await Promise.all([
    db.user.findMany({
      where,
      select: { id: true, name: true, email: true, role: true, createdAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (current - 1) * USERS_PER_PAGE,
      take: USERS_PER_PAGE,
    }),
    db.user.count({ where }),
  ]);
  return { users, total, page: current, perPage: USERS_PER_PAGE };
}
