import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import type { Adapter, AdapterUser } from "next-auth/adapters";
import GitHub from "next-auth/providers/github";
import type { Provider } from "next-auth/providers";
import { getDb } from "../db";
import type { PrismaClient } from "../generated/prisma/client";
import { getAuthEnv, type AuthEnv } from "../env";
import { routes } from "../routes";
import { createUser } from "./create-user";
import { listSignInProviders } from "./sign-in-providers";

// Auth.js, for the site only: the command-line tools never import this file
// (they act as the system, see set-role-cli.ts), so they need neither
// next-auth nor the sign-in settings.
//
// The configuration is built per request (NextAuth's lazy form) so that
// `next build` needs no database and no secrets.
export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig(getAuthEnv()));

/** Whether any sign-in provider is configured; without one nobody can be signed in. */
export function authConfigured(): boolean {
  return listSignInProviders(getAuthEnv()).length > 0;
}

function authConfig(env: AuthEnv): NextAuthConfig {
  return {
    adapter: adapter(getDb(), env),
    // Sessions live in the database: the cookie holds only a random token, and
    // each request reads the user's row, so a role change or a deleted account
    // takes effect at once.
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
    secret: env.AUTH_SECRET,
    providers: providers(env),
    // Errors (a refused sign-in, an unlinked account) come back to our own page.
    pages: { signIn: routes.signIn(), error: routes.signIn() },
    callbacks: {
      // With database sessions `user` is the row read with the session, so the
      // role here is the current one. get-actor.ts reads these fields.
      session({ session, user }) {
        const row = user as AdapterUser & { role?: string; createdAt?: Date };
        return {
          ...session,
          user: { id: row.id, name: row.name, email: row.email, image: row.image, role: row.role, createdAt: row.createdAt },
        };
      },
    },
    logger: {
      error(error) {
        // The default prints a long help text per error; one line with the cause is enough in our logs.
        const cause = (error as { cause?: { err?: unknown } }).cause?.err;
        console.error(`[auth] ${error.name}: ${error.message}${cause instanceof Error ? ` (${cause.message})` : ""}`);
      },
    },
  };
}

/** The stock Prisma adapter on the shared client, with our own user and account inserts. */
function adapter(db: PrismaClient, env: AuthEnv): Adapter {
  return {
    ...PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]),
    // First sign-in: our own insert, which sets the bootstrap admin role and
    // keeps only the columns we have (the stock one passes the profile through).
    createUser: async (user) => (await createUser(db, user, env.AUTH_ADMIN_EMAILS)) as AdapterUser,
    // Only the link itself is kept: the site never calls the provider's API
    // after sign-in, so storing its access and refresh tokens would only be a
    // liability (and GitHub's extra token fields break the stock insert).
    linkAccount: async (account) => {
      await db.account.create({
        data: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
        },
      });
    },
  };
}

function providers(env: AuthEnv): Provider[] {
  const configured: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    configured.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    configured.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME,
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER.replace(/\/$/, ""),
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      // The profile comes from the userinfo endpoint: every issuer answers it
      // with the claims of the granted scopes, while many leave email and name
      // out of the ID token.
      idToken: false,
      checks: ["pkce", "state"],
      profile(profile) {
        const claims = profile as Record<string, unknown>;
        const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
        return {
          id: String(claims.sub),
          name: text(claims.name) ?? text(claims.preferred_username) ?? text(claims.nickname) ?? null,
          // An email the issuer says it has not verified is not kept: it could
          // be anyone's, AUTH_ADMIN_EMAILS included.
          email: claims.email_verified === false ? null : (text(claims.email) ?? null),
          image: text(claims.picture) ?? null,
        };
      },
    });
  }
  return configured;
}
