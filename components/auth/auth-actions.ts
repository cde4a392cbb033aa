"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/lib/auth/auth";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { listSignInProviders } from "@/lib/auth/sign-in-providers";
import { getAuthEnv } from "@/lib/env";
import { routes } from "@/lib/routes";

/**
 * The sign-in page's buttons: off to the chosen provider, then back to
 * `callbackUrl` (only ever a path on this site). Next checks the Origin of
 * every server action, which covers CSRF for this form.
 */
export async function signInWithProvider(formData: FormData): Promise<void> {
  const callbackUrl = safeCallbackPath(formData.get("callbackUrl"));
  const provider = listSignInProviders(getAuthEnv()).find((p) => p.id === formData.get("provider"));
  if (!provider) redirect(`${routes.signIn(callbackUrl)}${callbackUrl === "/" ? "?" : "&"}error=UnknownProvider`);
  try {
    await signIn(provider.id, { redirectTo: callbackUrl });
  } catch (error) {
    // A redirect (the way to the provider) is not an error: Next handles it.
    if (error instanceof AuthError) {
      console.error(`[auth] sign-in with ${provider.id} failed: ${error.type}: ${error.message}`);
      redirect(`${routes.signIn(callbackUrl)}${callbackUrl === "/" ? "?" : "&"}error=${encodeURIComponent(error.type)}`);
    }
    throw error;
  }
}

/** The header's "Sign out" button: ends the session (its row is deleted) and goes home. */
export async function signOutOfSite(): Promise<void> {
  await signOut({ redirectTo: routes.home() });
}
