import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { reviewBy, writeReview } from "./review-steps";
import { signIn } from "./sign-in";

// Crowdsourced usage as people use it: uploading a Cargo.lock in the browser,
// the crate page's "used in N projects", the verified-user mark, personal API
// tokens for CI (create, use, revoke), and deleting a report. Each test signs
// in people of its own; the lockfiles are real ones from fixtures/lockfiles.

test.describe.configure({ timeout: 240_000 });

const fixture = (name: string) => path.join(process.cwd(), "fixtures/lockfiles", name);
/** The upload form's file input (inside the drop zone's label once JavaScript runs). */
const lockfileInput = (page: Page) => page.locator('input[type="file"][name="lockfile"]');
const uniqueLogin = (what: string) => `usage-${what}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6)}`;

test("a signed-in user uploads a Cargo.lock: the crate page counts the project and their review is verified", async ({ page }) => {
  await page.goto("/usage");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fusage/);
  const login = uniqueLogin("upload");
  await signIn(page, login);
  // idna is in fixtures/lockfiles/v3.lock; no other spec reviews it.
  await writeReview(page, "idna", { experience: "Used it in a project", overall: 4, body: "Punycode done right; used it through url." });
  await expect(reviewBy(page, login).getByText("Verified user")).toHaveCount(0);
  await page.goto("/usage");
  await expect(page.getByRole("heading", { level: 1, name: "Your usage reports" })).toBeVisible();
  await expect(page.getByText("No reports yet.")).toBeVisible();
  // A crafted link cannot make the page show text of its author's choosing: only signed messages show.
  await page.goto("/usage?error=Your+account+is+locked.+Call+us");
  await expect(page.getByText("Your account is locked")).toHaveCount(0);

  await lockfileInput(page).setInputFiles(fixture("v3.lock"));
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status")).toContainText(/Report saved: .+ registry crates\./);
  const rows = page.getByTestId("usage-report");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("version 3");

  await page.goto("/crates/idna");
  await expect(page.getByTestId("usage-summary")).toContainText(/Used in \d+ projects? by \d+ (person|people)/);
  await expect(page.getByRole("table", { name: "Versions in use" })).toBeVisible();
  // The other crates of the lockfile (anyhow, url, ...) are listed beside it.
  const together = page.getByRole("list", { name: "Crates in the same projects as idna" });
  await expect(together.getByRole("listitem").first()).toContainText(/in \d+ projects?/);
  expect(await together.getByRole("link").count()).toBeGreaterThanOrEqual(2);
  await page.goto("/crates/idna/reviews");
  await expect(reviewBy(page, login).getByText("Verified user")).toBeVisible();

  // The public page shows what they use only once they opt in.
  await page.goto("/usage");
  await page.getByRole("button", { name: "Show what I use on my page" }).click();
  await page.getByRole("link", { name: "Your page" }).click();
  await expect(page.getByRole("list", { name: "Crates you use" }).getByRole("link", { name: "idna" })).toBeVisible();
  await page.goto("/usage");

  // Uploading the same project again replaces its report.
  await lockfileInput(page).setInputFiles(fixture("v3.lock"));
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("status")).toContainText("Report replaced");
  await expect(rows).toHaveCount(1);

  // A Cargo.toml is refused with a message, and nothing is added.
  await lockfileInput(page).setInputFiles({ name: "Cargo.lock", mimeType: "text/plain", buffer: readFileSync(fixture("cargo-toml-not-a-lock.toml")) });
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Nothing was saved" })).toContainText("Cargo.toml");
  await expect(rows).toHaveCount(1);
});

test("usage reports from the API with a personal token, verified reviews, revoking and deleting", async ({ page, request }) => {
  const login = uniqueLogin("api");
  await page.goto("/");
  await signIn(page, login);
  await page.goto("/settings/tokens");
  await page.getByLabel("Name").fill("CI of e2e");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByTestId("new-token").inputValue();
  expect(secret).toMatch(/^cl_/);
  await page.reload();
  await expect(page.getByTestId("api-token")).toContainText(secret.slice(0, 11));
  await expect(page.getByText(secret)).toHaveCount(0);

  const lockfile = readFileSync(fixture("v4.lock"));
  const anonymous = await request.post("/api/v1/usage/reports", { data: lockfile });
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error).toMatch(/Authentication required/);

  const headers = { Authorization: `Bearer ${secret}`, "Content-Type": "text/plain" };
  const created = await request.post("/api/v1/usage/reports", { headers, data: lockfile });
  expect(created.status()).toBe(201);
  const report = await created.json();
  expect(report).toMatchObject({ created: true, lockfile_version: 4 });
  expect(report.crates).toBeGreaterThan(0);
  const replaced = await request.post("/api/v1/usage/reports", { headers, data: lockfile });
  expect(replaced.status()).toBe(200);
  expect((await replaced.json()).id).toBe(report.id);
  // `curl -F lockfile=@Cargo.lock` works too.
  const multipart = await request.post("/api/v1/usage/reports", {
    headers: { Authorization: `Bearer ${secret}` },
    multipart: { lockfile: { name: "Cargo.lock", mimeType: "text/plain", buffer: lockfile } },
  });
  expect(multipart.status()).toBe(200);
  expect((await multipart.json()).id).toBe(report.id);

  const truncated = await request.post("/api/v1/usage/reports", { headers, data: lockfile.subarray(0, Math.floor(lockfile.length / 2)) });
  expect(truncated.status()).toBe(422);
  expect((await truncated.json()).error).toMatch(/line \d+/i);
  const huge = await request.post("/api/v1/usage/reports", { headers, data: Buffer.alloc(50 * 1024 * 1024, 0x20) });
  expect(huge.status()).toBe(413);

  const listed = await request.get("/api/v1/usage/reports", { headers });
  expect((await listed.json()).reports.map((r: { id: number }) => r.id)).toEqual([report.id]);

  // The report shows on the user's own page list, and can be deleted there.
  await page.goto("/usage");
  await expect(page.getByTestId("usage-report")).toHaveCount(1);

  // Revoked: the token stops working at once.
  await page.goto("/settings/tokens");
  await page.getByRole("button", { name: /Revoke/ }).click();
  await expect(page.getByTestId("api-token")).toContainText("Revoked");
  const refused = await request.post("/api/v1/usage/reports", { headers, data: lockfile });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error).toMatch(/revoked/);

  await page.goto("/usage");
  await page.getByRole("button", { name: /Delete/ }).click();
  await expect(page.getByRole("status")).toContainText("Report deleted");
  await expect(page.getByTestId("usage-report")).toHaveCount(0);
});
