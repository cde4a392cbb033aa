import { expect, type Page } from "@playwright/test";

// Signing in the way a person does: the site's sign-in page, the local OIDC
// issuer's login form (scripts/oidc-issuer.ts, started by scripts/e2e-server.ts),
// and back. Any login name works; `admin` is the bootstrap admin
// (AUTH_ADMIN_EMAILS=admin@example.test). The e2e database is shared by every
// spec: use logins of your own, e.g. `rev-alice-${Date.now()}`.

/** The header's account navigation. */
export const accountNav = (page: Page) => page.getByRole("navigation", { name: "Account" });

/**
 * Signs in as `login` (name `login`, email `${login}@example.test`) and comes
 * back to the page the browser was on (or the home page).
 */
export async function signIn(page: Page, login: string): Promise<void> {
  const here = page.url().startsWith("http") ? new URL(page.url()) : null;
  // From the sign-in page itself (say after a redirect there), go where it would.
  const back =
    here?.hostname !== "localhost"
      ? "/"
      : here.pathname === "/signin"
        ? (here.searchParams.get("callbackUrl") ?? "/")
        : `${here.pathname}${here.search}`;
  for (let attempt = 1; ; attempt++) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(back)}`);
    await page.getByRole("button", { name: "Sign in with Demo issuer" }).click();
    // The issuer's development login form: any login, any password.
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.waitForURL((url) => url.hostname === "localhost" && !url.pathname.startsWith("/api/auth/"));
    // Two specs signing in as the same new login at once (say `admin`) race to
    // create its account; the loser gets an error page and simply tries again.
    const landed = new URL(page.url());
    if (landed.pathname === "/signin" && landed.searchParams.has("error") && attempt < 3) continue;
    await expect(accountNav(page).getByRole("link", { name: `Signed in as ${login}`, exact: true })).toBeVisible({ timeout: 20_000 });
    return;
  }
}

/** Signs out with the header's button and waits for the "Sign in" link. */
export async function signOut(page: Page): Promise<void> {
  await accountNav(page).getByRole("button", { name: "Sign out" }).click();
  await expect(accountNav(page).getByRole("link", { name: "Sign in" })).toBeVisible({ timeout: 20_000 });
}
