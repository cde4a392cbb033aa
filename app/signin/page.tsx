import type { Metadata } from "next";
import Link from "next/link";
import { signInWithProvider } from "@/components/auth/auth-actions";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { PageHeading } from "@/components/ui/page-heading";
import { getActor } from "@/lib/auth/get-actor";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { listSignInProviders } from "@/lib/auth/sign-in-providers";
import { getAuthEnv } from "@/lib/env";
import { firstParam } from "@/lib/http/first-param";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in to cratelist to review crates, vote on reviews and report abuse.",
  robots: { index: false },
};

// Auth.js sends failed sign-ins back here with ?error=<type>; only these
// types reach the page (the rest are "Configuration", logged on the server).
const errorMessages: Record<string, string> = {
  OAuthAccountNotLinked:
    "An account with this email already signs in another way. Sign in the way you did the first time; accounts are not merged by email so that nobody can take over yours.",
  OAuthCallbackError: "The sign-in was cancelled or refused by the provider. Try again.",
  AccessDenied: "This sign-in was refused.",
  MissingCSRF: "The sign-in form had expired. Try again.",
  UnknownProvider: "That way of signing in is not set up on this site. Choose one of those below.",
  Configuration: "Sign-in failed because of a problem on our side; it has been logged. Try again later.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(firstParam(params.callbackUrl));
  const errorCode = firstParam(params.error);
  const error = errorCode ? (errorMessages[errorCode] ?? "Sign-in failed. Try again.") : null;
  const providers = listSignInProviders(getAuthEnv());
  const actor = await getActor();

  return (
    <div className="max-w-xl">
      <PageHeading lead="Sign in to review crates, mark reviews as helpful and report abuse. Reading needs no account.">
        Sign in
      </PageHeading>

      {error ? (
        <p role="alert" className="mb-6 rounded border border-danger/40 bg-danger-soft px-4 py-3 text-danger">
          {error}
        </p>
      ) : null}

      {actor ? (
        <div className="space-y-3">
          <p>
            You are signed in as <strong>{actor.name ?? "a user without a name"}</strong>.
          </p>
          <div className="flex flex-wrap items-center gap-4">
            <Link href={callbackUrl}>Continue</Link>
            <SignOutButton />
          </div>
        </div>
      ) : providers.length === 0 ? (
        <p className="rounded border border-line bg-panel px-4 py-3">
          Sign-in is not set up on this site yet. Its operator can connect GitHub or any OpenID Connect issuer (see the
          README, &ldquo;Sign-in&rdquo;).
        </p>
      ) : (
        <ul className="space-y-4">
          {providers.map((provider) => (
            <li key={provider.id}>
              <form action={signInWithProvider}>
                <input type="hidden" name="provider" value={provider.id} />
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button
                  type="submit"
                  className="h-11 w-full rounded bg-brand px-5 font-semibold text-on-brand hover:bg-brand-strong sm:w-auto"
                >
                  Sign in with {provider.name}
                </button>
              </form>
              {provider.demo ? (
                <p className="mt-2 rounded border border-warn/40 bg-warn-soft px-4 py-3 text-sm text-warn">
                  <strong>Demo issuer.</strong> This site runs with a local test issuer that lets anyone in: type any login
                  name and any password, and you are signed in as that name (email <code>login@example.test</code>). Do not
                  use a real password.
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      <p className="mt-8 text-sm text-subtle">
        We keep the name, email and picture the provider gives us, and no access to your account there. Your reviews show your name.
      </p>
    </div>
  );
}
