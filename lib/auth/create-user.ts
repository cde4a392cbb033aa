import type { PrismaClient, User } from "../generated/prisma/client";

/** What Auth.js hands the adapter for a first sign-in (the provider's profile, mapped). */
export interface NewUser {
  name?: string | null;
  email?: string | null;
  emailVerified?: Date | null;
  image?: string | null;
}

/**
 * Creates the account of someone signing in for the first time. Someone whose
 * email is in AUTH_ADMIN_EMAILS starts as admin: that is how a fresh install
 * gets its first admin (later ones are granted on /admin/users or with
 * `npm run user:role`). Only new accounts are promoted, so adding an email to
 * the list later changes nothing for an existing account; the promotion is
 * logged like any other role change.
 */
export async function createUser(db: PrismaClient, user: NewUser, adminEmails: readonly string[]): Promise<User> {
  const email = user.email?.trim().toLowerCase() || null;
  const admin = email !== null && adminEmails.includes(email);
  return db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        name: user.name?.trim() || null,
        email,
        emailVerified: user.emailVerified ?? null,
        image: user.image ?? null,
        role: admin ? "admin" : "user",
      },
    });
    if (admin) {
      await tx.moderationLog.create({
        data: {
          actorId: null,
          action: "set_role",
          subject: `user:${created.id}`,
          reason: "role user → admin: email listed in AUTH_ADMIN_EMAILS at first sign-in",
        },
      });
    }
    return created;
  });
}
