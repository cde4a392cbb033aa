import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { routes } from "@/lib/routes";
import { PageHeading } from "@/components/ui/page-heading";

/** What a signed-in user without the needed role sees instead of a page (and nothing of its content). */
export function ForbiddenNotice({ actor, needs, what }: { actor: Actor; needs: string; what: string }) {
  return (
    <div className="max-w-2xl">
      <PageHeading lead={`Only ${needs} can ${what}.`}>Not allowed</PageHeading>
      <p>
        You are signed in as <strong>{actor.name ?? "a user without a name"}</strong> ({actor.role}). If you should have
        access, ask an admin of this site.
      </p>
      <p className="mt-4">
        <Link href={routes.home()}>Go to the home page</Link>
      </p>
    </div>
  );
}
