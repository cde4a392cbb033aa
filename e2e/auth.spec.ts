import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { accountNav, signIn, signOut } from "./sign-in";

// Sign-in end to end: Chromium, the site, and the real local OIDC issuer that
// scripts/e2e-server.ts starts. Roles: the bootstrap admin (AUTH_ADMIN_EMAILS)
// grants a role on /admin/users and the other user's header follows.

// Each test signs in once or more through two servers: on a busy two-core
// machine that takes longer than Playwright's default 30 s.
test.describe.configure({ timeout: 120_000 });

const login = (prefix: string) => `auth-${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const signedInLink = (page: Page, name: string) =>
  accountNav(page).getByRole("link", { name: `Signed in as ${name}`, exact: true });

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the site's issuer is a real OpenID Connect issuer: discovery, keys, and a login form for any name", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByText("Demo issuer.")).toBeVisible();
  await page.getByRole("button", { name: "Sign in with Demo issuer" }).click();
  await page.locator('input[name="login"]').waitFor();
  const issuer = new URL(page.url()).origin;
  expect(issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

  const discovery = await page.request.get(`${issuer}/.well-known/openid-configuration`);
  expect(discovery.status()).toBe(200);
  const config = (await discovery.json()) as Record<string, unknown>;
  expect(config.issuer).toBe(issuer);
  expect(config.authorization_endpoint).toBe(`${issuer}/auth`);
  expect(config.userinfo_endpoint).toBe(`${issuer}/me`);
  expect(config.code_challenge_methods_supported).toEqual(["S256"]);
  const keys = (await (await page.request.get(String(config.jwks_uri))).json()) as { keys: unknown[] };
  expect(keys.keys.length).toBeGreaterThan(0);
});

test("sign in through the issuer, stay signed in across reloads and pages, sign out", async ({ page, context }) => {
  const name = login("alice");
  await page.goto("/categories");
  await expect(accountNav(page).getByRole("link", { name: "Sign in" })).toBeVisible();

  await signIn(page, name);
  // Back where the sign-in started.
  await expect(page).toHaveURL(/\/categories$/);
  await expect(signedInLink(page, name)).toHaveAttribute("href", /^\/users\/[^/]+$/);
  // A non-admin, non-moderator header: no tools.
  await expect(accountNav(page).getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  await expect(accountNav(page).getByRole("link", { name: "Moderation", exact: true })).toHaveCount(0);

  // The session cookie holds only a token and is out of reach of scripts.
  const session = (await context.cookies()).find((c) => c.name === "authjs.session-token");
  expect(session).toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");

  await page.reload();
  await expect(signedInLink(page, name)).toBeVisible();
  await page.goto("/docs/api");
  await expect(signedInLink(page, name)).toBeVisible();

  await signOut(page);
  await expect(page).toHaveURL(/\/$/);
  await page.reload();
  await expect(accountNav(page).getByRole("link", { name: "Sign in" })).toBeVisible();

  // Signing out deleted the session: its old token no longer signs anyone in.
  await context.addCookies([session!]);
  await page.goto("/");
  await expect(accountNav(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(signedInLink(page, name)).toHaveCount(0);

  // The issuer asks again: another person can sign in on the same browser.
  const other = login("bob");
  await signIn(page, other);
  await expect(signedInLink(page, other)).toBeVisible();
});

test("sign-in and sign-out work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const name = login("nojs");
  await page.goto("/search?q=serde");
  await signIn(page, name);
  await expect(page).toHaveURL(/\/search\?q=serde$/);
  await signOut(page);
  await context.close();
});

test("a callbackUrl off the site is refused: sign-in lands on the home page", async ({ page }) => {
  for (const evil of ["https://evil.example/phish", "//evil.example/phish", "/\\evil.example"]) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(evil)}`);
    await expect(page.locator('input[name="callbackUrl"]').first()).toHaveValue("/");
  }
  await page.goto(`/signin?callbackUrl=${encodeURIComponent("https://evil.example/phish")}`);
  await page.getByRole("button", { name: "Sign in with Demo issuer" }).click();
  const name = login("redirect");
  await page.locator('input[name="login"]').fill(name);
  await page.locator('input[name="password"]').fill("x");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.waitForURL((url) => url.hostname === "localhost" && !url.pathname.startsWith("/api/auth/"));
  expect(new URL(page.url()).pathname).toBe("/");
  await expect(signedInLink(page, name)).toBeVisible();

  // Auth.js's own endpoint refuses it too (its redirect check), should anyone post there directly.
  const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/signin/oidc", {
    form: { csrfToken: csrf.csrfToken, callbackUrl: "https://evil.example/phish" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  const callbackCookie = (await page.context().cookies()).find((c) => c.name === "authjs.callback-url");
  expect(callbackCookie?.value ?? "").not.toContain("evil.example");
});

test("/admin/users: anonymous goes to sign-in, a non-admin is refused and sees no user", async ({ page }) => {
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fadmin%2Fusers$/);

  const name = login("carol");
  await signIn(page, name);
  // The sign-in came back to the admin page, which refuses.
  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("Only admins can manage users and roles.")).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expect(page.getByText("admin@example.test")).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: /Role for/ })).toHaveCount(0);
  await page.goto(`/admin/users?q=${encodeURIComponent("@example.test")}`);
  await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await expect(page.getByText("@example.test")).toHaveCount(0);
});

test("the bootstrap admin makes someone a moderator on /admin/users; that user's header shows Moderation", async ({ browser }) => {
  const candidate = login("dave");
  const userContext = await browser.newContext();
  const userPage = await userContext.newPage();
  await signIn(userPage, candidate);
  await expect(accountNav(userPage).getByRole("link", { name: "Moderation", exact: true })).toHaveCount(0);

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, "admin");
  await expect(accountNav(admin).getByRole("link", { name: "Moderation", exact: true })).toBeVisible();
  await accountNav(admin).getByRole("link", { name: "Admin", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expectNoSeriousA11yViolations(admin);

  await admin.getByRole("searchbox", { name: "Search users by name or email" }).fill(candidate);
  await admin.getByRole("main").getByRole("button", { name: "Search", exact: true }).click();
  await expect(admin).toHaveURL(new RegExp(`q=${candidate}`));
  const row = admin.getByRole("row").filter({ hasText: `${candidate}@example.test` });
  await expect(row).toHaveCount(1);
  const roleCell = row.getByRole("cell").nth(2);
  await expect(roleCell).toHaveText("user");

  // A role change needs a reason.
  await row.getByRole("combobox", { name: `Role for ${candidate}` }).selectOption("moderator");
  await row.getByRole("textbox", { name: `Reason for changing the role of ${candidate}` }).fill("Trusted reviewer, handles reports");
  await row.getByRole("button", { name: `Change role of ${candidate}` }).click();
  // Server actions on a busy machine can take a while: wait longer than the default 5 s.
  await expect(row.getByRole("status")).toHaveText(`${candidate} is now moderator (was user).`, { timeout: 20_000 });
  await expect(roleCell).toHaveText("moderator");
  // The change is in the log on the same page.
  await expect(admin.getByRole("region", { name: "Latest role changes" }).getByText(`role user → moderator: Trusted reviewer, handles reports`).first()).toBeVisible();

  // The other user's next page shows the new role, without signing in again.
  await userPage.reload();
  await expect(accountNav(userPage).getByRole("link", { name: "Moderation", exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(accountNav(userPage).getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);

  // Asking for the same role again is refused with a clear message, and nothing changes.
  await row.getByRole("combobox", { name: `Role for ${candidate}` }).selectOption("moderator");
  await row.getByRole("textbox", { name: `Reason for changing the role of ${candidate}` }).fill("again");
  await row.getByRole("button", { name: `Change role of ${candidate}` }).click();
  await expect(row.getByRole("alert")).toHaveText(`${candidate} is already a moderator.`, { timeout: 20_000 });

  await adminContext.close();
  await userContext.close();
});

test("the sign-in page is accessible and says what the demo issuer is", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page.getByText(/lets anyone in: type any login name and any password/)).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await page.goto("/signin?error=OAuthAccountNotLinked");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("already signs in another way");
});
