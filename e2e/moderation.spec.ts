import { expect as baseExpect, test } from "@playwright/test";
import { decide, grantRole, moderationForm, queuedReview, reportReview, signedInAdmin } from "./moderation-steps";
import { ownUserId, reviewBy, reviewJsonBy, signedIn, uniqueLogin, writeReview } from "./review-steps";
import { accountNav } from "./sign-in";

// The moderation queue and log as moderators use them: a review is reported,
// hidden with a reason, logged, and restored; reports are dismissed without
// JavaScript; and only moderators and admins get in.

test.describe.configure({ timeout: 360_000 });
// Each decision is a server round trip that also re-renders the page: give
// them time on a loaded machine.
const expect = baseExpect.configure({ timeout: 20_000 });

// A crate no other spec reviews, so its reviews page holds only this spec's.
const CRATE = "strsim";

test("a reported review is hidden by a moderator, logged, seen as hidden by its author only, and restored", async ({ browser, request }) => {
  const authorLogin = uniqueLogin("mod-author");
  const reporterLogin = uniqueLogin("mod-reporter");
  const moderatorLogin = uniqueLogin("mod-moderator");
  const body = `Copies the whole input twice (${authorLogin}).`;

  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, CRATE, { experience: "Tried it briefly", overall: 1, body });
  const authorId = await ownUserId(author.page, authorLogin);

  const reporter = await signedIn(browser, reporterLogin);
  await reportReview(reporter.page, CRATE, authorLogin, "Misleading or false", "It does not copy anything.");

  // The moderator signs in as a plain user first (so the account exists), then the admin grants the role.
  const moderator = await signedIn(browser, moderatorLogin);
  await expect(accountNav(moderator.page).getByRole("link", { name: "Moderation" })).toHaveCount(0);
  const admin = await signedInAdmin(browser);
  await grantRole(admin.page, moderatorLogin, "moderator");

  // The role is read from the database on each request: the header now offers the queue.
  await moderator.page.goto("/");
  await accountNav(moderator.page).getByRole("link", { name: "Moderation" }).click();
  await expect(moderator.page).toHaveURL(/\/moderation$/);
  await expect(moderator.page.getByRole("heading", { level: 1, name: "Moderation queue" })).toBeVisible();

  const card = queuedReview(moderator.page, CRATE, authorLogin);
  await expect(card).toBeVisible();
  await expect(card).toContainText(body);
  await expect(card).toContainText("Misleading or false");
  await expect(card).toContainText("It does not copy anything.");
  await expect(card.getByRole("link", { name: reporterLogin })).toHaveAttribute("href", /^\/users\//);
  await expect(card.getByRole("link", { name: CRATE, exact: true })).toHaveAttribute("href", `/crates/${CRATE}`);
  await expect(card.getByRole("link", { name: authorLogin, exact: true })).toHaveAttribute("href", `/users/${authorId}`);

  // Hide it, with a reason.
  const hideReason = `Misleading claims (${moderatorLogin})`;
  await decide(moderationForm(moderator.page, `Hide the review of ${CRATE} by ${authorLogin}`), hideReason);
  await expect(moderator.page).toHaveURL(/\/moderation\?done=hidden$/);
  await expect(moderator.page.getByRole("status")).toContainText("The review is hidden");
  // Hiding resolved its reports: it left the queue.
  await expect(queuedReview(moderator.page, CRATE, authorLogin)).toHaveCount(0);

  // Anonymous visitors no longer see it, on the pages or in the API.
  const visitor = await browser.newContext();
  const anonymous = await visitor.newPage();
  for (const path of [`/crates/${CRATE}/reviews`, `/crates/${CRATE}`]) {
    await anonymous.goto(path);
    await expect(anonymous.getByRole("main")).not.toContainText(body);
  }
  expect(await reviewJsonBy(request, CRATE, authorLogin)).toBeUndefined();

  // Its author still sees it, marked hidden.
  await author.page.goto(`/crates/${CRATE}/reviews`);
  await expect(reviewBy(author.page, authorLogin)).toContainText("Hidden by moderators");
  await expect(reviewBy(author.page, authorLogin)).toContainText(body);

  // The log names who, what (linked), why.
  await moderator.page.getByRole("navigation", { name: "Moderation" }).getByRole("link", { name: "Log" }).click();
  await expect(moderator.page).toHaveURL(/\/moderation\/log$/);
  const hideRow = moderator.page.getByRole("row").filter({ hasText: hideReason });
  await expect(hideRow).toContainText("Hid a review");
  await expect(hideRow.getByRole("link", { name: moderatorLogin })).toBeVisible();
  await expect(hideRow.getByRole("link", { name: `Review of ${CRATE} by ${authorLogin}` })).toHaveAttribute(
    "href",
    new RegExp(`^/crates/${CRATE}/reviews/\\d+/history$`),
  );
  await expect(hideRow).toContainText("Hidden now");

  // Restore it from its log entry.
  const restoreReason = `Checked again: fair (${moderatorLogin})`;
  await decide(moderationForm(moderator.page, `Restore the review of ${CRATE} by ${authorLogin}`), restoreReason);
  await expect(moderator.page).toHaveURL(/\/moderation\/log\?done=restored$/);
  await expect(moderator.page.getByRole("status")).toContainText("published again");
  await expect(moderator.page.getByRole("row").filter({ hasText: restoreReason })).toContainText("Restored a review");
  await expect(moderator.page.getByRole("form", { name: `Restore the review of ${CRATE} by ${authorLogin}` })).toHaveCount(0);

  // Back for everyone.
  await anonymous.goto(`/crates/${CRATE}/reviews`);
  await expect(reviewBy(anonymous, authorLogin)).toContainText(body);
  await expect(reviewBy(anonymous, authorLogin)).not.toContainText("Hidden by moderators");
  expect((await reviewJsonBy(request, CRATE, authorLogin))?.body_html).toContain("Copies the whole input twice");

  for (const context of [author.context, reporter.context, moderator.context, admin.context, visitor]) await context.close();
});

test("without JavaScript: a refused decision says why and keeps the reason; dismissing keeps the review published", async ({
  browser,
  request,
}) => {
  const authorLogin = uniqueLogin("mod-nojs-author");
  const reporterLogin = uniqueLogin("mod-nojs-reporter");
  const moderatorLogin = uniqueLogin("mod-nojs-moderator");
  const body = `Fast enough for fuzzy matching (${authorLogin}).`;

  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, CRATE, { experience: "Used it in a project", overall: 4, body });
  const reporter = await signedIn(browser, reporterLogin);
  await reportReview(reporter.page, CRATE, authorLogin, "Spam or advertising", "Looks like an advert.");
  const admin = await signedInAdmin(browser);
  // Signed in once with JavaScript so the account exists, then the same session without it.
  const moderator = await signedIn(browser, moderatorLogin, { javaScript: false });
  await grantRole(admin.page, moderatorLogin, "moderator");

  const page = moderator.page;
  await page.goto("/moderation");
  const dismiss = moderationForm(page, `Dismiss the reports on the review of ${CRATE} by ${authorLogin}`);
  // Blank passes the browser's `required` check but not the server's.
  await decide(dismiss, "   ");
  await expect(dismiss.getByRole("alert")).toContainText("Give a reason");
  await expect(dismiss.getByRole("textbox")).toHaveValue("   ");
  await expect(dismiss.getByRole("textbox")).toHaveAttribute("aria-invalid", "true");
  await expect(queuedReview(page, CRATE, authorLogin)).toBeVisible();

  const reason = `Not an advert (${moderatorLogin})`;
  await decide(dismiss, reason);
  await expect(page).toHaveURL(/\/moderation\?done=dismissed$/);
  await expect(page.getByRole("status")).toContainText("The reports are dismissed");
  await expect(queuedReview(page, CRATE, authorLogin)).toHaveCount(0);
  expect((await reviewJsonBy(request, CRATE, authorLogin))?.body_html).toContain("Fast enough for fuzzy matching");

  await page.goto("/moderation/log");
  const row = page.getByRole("row").filter({ hasText: reason });
  await expect(row).toContainText("Dismissed reports");
  await expect(row).toContainText("1 report dismissed");

  for (const context of [author.context, reporter.context, moderator.context, admin.context]) await context.close();
});

test("a plain user gets a 'not allowed' page with nothing of the queue; anonymous visitors are sent to sign in", async ({
  browser,
  page,
}) => {
  await page.goto("/moderation");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmoderation$/);
  await page.goto("/moderation/log?page=2");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmoderation%2Flog%3Fpage%3D2$/);

  const user = await signedIn(browser, uniqueLogin("mod-plain"));
  for (const path of ["/moderation", "/moderation/log"]) {
    await user.page.goto(path);
    await expect(user.page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
    await expect(user.page.getByRole("main")).toContainText("Only moderators and admins can");
    await expect(user.page.getByRole("main").getByRole("form")).toHaveCount(0);
    await expect(user.page.getByRole("main").getByRole("article")).toHaveCount(0);
    await expect(user.page.getByRole("table")).toHaveCount(0);
  }
  await user.context.close();
});

test("the queue and the log pass the accessibility checks", async ({ browser }) => {
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const admin = await signedInAdmin(browser);
  for (const path of ["/moderation", "/moderation/log"]) {
    await admin.page.goto(path);
    await expect(admin.page.getByRole("heading", { level: 1 })).toBeVisible();
    const results = await new AxeBuilder({ page: admin.page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  await admin.context.close();
});
