import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { connection } from "next/server";
import type { Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/get-actor";
import { hasRole } from "@/lib/auth/roles";
import { routes } from "@/lib/routes";
import { SignOutButton } from "./sign-out-button";

/** The header's account links: "Sign in", or the user's name, their tools and "Sign out". */
export async function UserMenu() {
  const actor = await currentActor();
  return (
    <nav aria-label="Account" className="order-2 text-sm sm:order-4">
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {actor ? (
          <>
            <li>
              {/* A long name is cut short on screen; the full name stays in the link's text. */}
              <Link href={routes.user(actor.id)} className="inline-block max-w-48 truncate align-bottom font-medium" title={actor.name ?? undefined}>
                <span className="sr-only">Signed in as </span>
                {actor.name ?? "Your profile"}
              </Link>
            </li>
            <li>
              <Link href={routes.usage()}>Usage reports</Link>
            </li>
            {hasRole(actor, "moderator") ? (
              <li>
                <Link href={routes.moderation()}>Moderation</Link>
              </li>
            ) : null}
            {hasRole(actor, "admin") ? (
              <li>
                <Link href={routes.adminUsers()}>Admin</Link>
              </li>
            ) : null}
            <li>
              <SignOutButton />
            </li>
          </>
        ) : (
          <li>
            <Link href={routes.signIn()}>Sign in</Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

// The header is on every page: if the session cannot be read (the database is
// down, the sign-in settings are wrong) the page still renders, signed out,
// and the cause goes to the log. The sign-in page itself reports the problem.
async function currentActor(): Promise<Actor | null> {
  // The header differs per visitor, so no page may be prerendered at build
  // time, even when the build runs without sign-in settings (getActor then
  // returns before it reads a cookie, which would leave the page static and
  // always signed out).
  await connection();
  try {
    return await getActor();
  } catch (error) {
    // Next signals "render this page dynamically" by throwing: let that through.
    unstable_rethrow(error);
    console.error("[auth] could not read the session for the header:", error);
    return null;
  }
}
