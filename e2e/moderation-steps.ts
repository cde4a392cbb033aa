import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { reviewBy, signedIn } from "./review-steps";

// Steps the moderation and permission specs share: granting a role through
// /admin/users, reporting a review through its card, and finding a review or
// a freeze in the moderation queue.

/** Signs in as the bootstrap admin (AUTH_ADMIN_EMAILS) in a context of its own. */
export async function signedInAdmin(browser: Browser) {
  return signedIn(browser, "admin");
}

/** Gives `login` (who has signed in before) `role` through the admin's users page. */
export async function grantRole(adminPage: Page, login: string, role: "user" | "curator" | "moderator" | "admin"): Promise<void> {
  await adminPage.goto(`/admin/users?q=${encodeURIComponent(login)}`);
  await adminPage.getByLabel(`Role for ${login}`, { exact: true }).selectOption(role);
  await adminPage.getByLabel(`Reason for changing the role of ${login}`, { exact: true }).fill(`e2e: ${login} needs ${role}`);
  await adminPage.getByRole("button", { name: `Change role of ${login}`, exact: true }).click();
  await expect(adminPage.getByRole("status").filter({ hasText: `is now ${role}` })).toBeVisible();
}

/** Reports `author`'s review of `crate` through the card's "Report" form. */
export async function reportReview(page: Page, crate: string, author: string, reason: string, details: string): Promise<void> {
  await page.goto(`/crates/${crate}/reviews`);
  const card = reviewBy(page, author);
  await card.getByText("Report", { exact: true }).click();
  await card.getByLabel("Reason").selectOption({ label: reason });
  await card.getByLabel(/^Details/).fill(details);
  await card.getByRole("button", { name: "Send report" }).click();
  await expect(card.getByRole("status")).toContainText("moderators will look at this review");
}

/** A reported review's card in the moderation queue. */
export function queuedReview(page: Page, crate: string, author: string): Locator {
  return page.getByRole("article", { name: `Review of ${crate} by ${author}`, exact: true });
}

/** One of the queue's moderation forms, by its accessible name (e.g. "Hide the review of strsim by alice"). */
export function moderationForm(page: Page, name: string): Locator {
  return page.getByRole("form", { name, exact: true });
}

/** Fills a moderation form's reason and submits it. */
export async function decide(form: Locator, reason: string): Promise<void> {
  await form.getByRole("textbox").fill(reason);
  await form.getByRole("button").click();
}
