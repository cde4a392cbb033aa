import type { AuthEnv } from "../env";

/** A way to sign in, as the sign-in page shows it. */
export interface SignInProvider {
  /** The Auth.js provider id: the path segment of /api/auth/callback/<id>. */
  id: "github" | "oidc";
  name: string;
  /** The local demo issuer (scripts/oidc-issuer.ts): anyone can sign in as anyone. */
  demo: boolean;
}

/** The providers the settings configure, in the order the sign-in page lists them. */
export function listSignInProviders(env: AuthEnv): SignInProvider[] {
  const providers: SignInProvider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push({ id: "github", name: "GitHub", demo: false });
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID && env.AUTH_OIDC_SECRET) {
    providers.push({ id: "oidc", name: env.AUTH_OIDC_NAME, demo: env.AUTH_OIDC_DEMO });
  }
  return providers;
}
