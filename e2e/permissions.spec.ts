import { expect as baseExpect, test, type APIRequestContext, type Browser, type Page, type Route } from "@playwright/test";
import { decide, grantRole, moderationForm, queuedReview, reportReview, signedInAdmin } from "./moderation-steps";
import { fillReviewForm, reviewBy, reviewJsonBy, reviewsJson, serverActionFields, signedIn, uniqueLogin, writeReview } from "./review-steps";

// The permission matrix of every mutation of issue 6: save a review, vote,
// report, hide and restore, dismiss reports, release a rating freeze, change
// a role; each tried as an anonymous visitor, another (plain) user, a
// moderator and an admin. Roles that see the form use it; roles that do not
// get the server action request of one who does, captured in Chromium (its
// Next-Action id and form body) and replayed with their own cookies (or none).
// The state is read back through the pages and the JSON API. The same replay
// from the moderator whose request it was succeeds, so a refusal is the
// permission check and not a broken replay. Cross-site posts (another
// Origin) are refused even with a moderator's or an admin's cookie.

test.describe.configure({ timeout: 480_000 });
// Each decision is a server round trip that also re-renders the page: give
// them time on a loaded machine.
const expect = baseExpect.configure({ timeout: 20_000 });

// Crates no other spec writes reviews of.
const CRATE = "fnv";
const FROZEN_BY_MODERATOR = "slab";
const FROZEN_BY_ADMIN = "scopeguard";

/** A server action request as the browser sent it. */
interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Runs `submit` (which submits a server-action form on `page`) and captures
 * the action's POST without letting it reach the server: the request is
 * aborted, so capturing changes nothing.
 */
async function captureAction(page: Page, submit: () => Promise<void>): Promise<CapturedAction> {
  let resolve!: (action: CapturedAction) => void;
  const captured = new Promise<CapturedAction>((r) => (resolve = r));
  const handler = async (route: Route) => {
    const request = route.request();
    const headers = await request.allHeaders();
    if (request.method() !== "POST" || !headers["next-action"]) return route.fallback();
    const kept: Record<string, string> = {};
    for (const name of ["next-action", "next-router-state-tree", "content-type", "accept"]) {
      if (headers[name] !== undefined) kept[name] = headers[name];
    }
    resolve({ url: request.url(), headers: kept, body: request.postDataBuffer() ?? Buffer.alloc(0) });
    await route.abort();
  };
  await page.route("**/*", handler);
  await submit();
  const action = await captured;
  await page.unroute("**/*", handler);
  expect(action.headers["next-action"]).toMatch(/^[0-9a-f]{40,}$/);
  expect(action.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  return action;
}

/** Sends a captured action again with `as`'s cookies (the test's `request` has none), from `origin`. */
async function replay(as: APIRequestContext, action: CapturedAction, origin = new URL(action.url).origin) {
  const response = await as.post(action.url, { headers: { ...action.headers, origin }, data: action.body, maxRedirects: 0 });
  // A refusal is an answer, never a crash.
  if (origin === new URL(action.url).origin) expect(response.status()).toBeLessThan(500);
  return response;
}

/** A fresh moderator (granted by the admin on /admin/users) and the admin, each in a context of their own. */
async function staff(browser: Browser, prefix: string) {
  const admin = await signedInAdmin(browser);
  const moderatorLogin = uniqueLogin(`${prefix}-mod`);
  const moderator = await signedIn(browser, moderatorLogin);
  await grantRole(admin.page, moderatorLogin, "moderator");
  return { admin, moderator, moderatorLogin };
}

test("saving a review: anonymous is sent to sign in; a replayed save only ever writes the sender's own review", async ({
  browser,
  request,
}) => {
  const authorLogin = uniqueLogin("perm-save-author");
  const otherLogin = uniqueLogin("perm-save-other");
  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, CRATE, { experience: "Tried it briefly", overall: 3, body: `Original text (${authorLogin}).` });
  const other = await signedIn(browser, otherLogin);
  const { admin, moderator, moderatorLogin } = await staff(browser, "perm-save");

  const forgedBody = `Replayed save (${authorLogin}).`;
  await author.page.goto(`/crates/${CRATE}/reviews/write`);
  await fillReviewForm(author.page, { overall: 1, body: forgedBody });
  const save = await captureAction(author.page, () => author.page.getByRole("button", { name: "Save changes" }).click());
  const authorsReview = async () => (await reviewJsonBy(request, CRATE, authorLogin))?.body_html;

  await replay(request, save);
  expect(await authorsReview()).toContain("Original text");
  expect((await reviewsJson(request, CRATE)).reviews.filter((r) => r.body_html.includes("Replayed save"))).toEqual([]);

  // Each signed-in sender gets a review of their own; the author's is untouched.
  for (const [login, context] of [
    [otherLogin, other.context],
    [moderatorLogin, moderator.context],
    ["admin", admin.context],
  ] as const) {
    await replay(context.request, save);
    expect((await reviewJsonBy(request, CRATE, login))?.body_html, login).toContain("Replayed save");
    expect(await authorsReview(), login).toContain("Original text");
  }

  // The author's own submission goes through.
  await author.page.goto(`/crates/${CRATE}/reviews/write`);
  await fillReviewForm(author.page, { body: `Edited by its author (${authorLogin}).` });
  await author.page.getByRole("button", { name: "Save changes" }).click();
  await expect(author.page).toHaveURL(/saved=updated/);
  expect(await authorsReview()).toContain("Edited by its author");

  for (const context of [author.context, other.context, admin.context, moderator.context]) await context.close();
});

test("helpful votes: anonymous and the author are refused; another user, a moderator and an admin count", async ({ browser, request }) => {
  const authorLogin = uniqueLogin("perm-vote-author");
  const voterLogin = uniqueLogin("perm-vote-user");
  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, CRATE, { experience: "Used it in a project", overall: 4, body: `Vote on me (${authorLogin}).` });
  const voter = await signedIn(browser, voterLogin);
  const { admin, moderator } = await staff(browser, "perm-vote");
  const helpful = async () => (await reviewJsonBy(request, CRATE, authorLogin))!.helpful;

  await voter.page.goto(`/crates/${CRATE}/reviews`);
  const vote = await captureAction(voter.page, () => reviewBy(voter.page, authorLogin).getByRole("button", { name: "Helpful" }).click());

  await replay(request, vote);
  expect(await helpful()).toBe(0);
  // The author never sees the button on their own review; the forged vote is refused.
  await author.page.goto(`/crates/${CRATE}/reviews`);
  await expect(reviewBy(author.page, authorLogin).getByRole("button", { name: "Helpful" })).toHaveCount(0);
  await replay(author.context.request, vote);
  expect(await helpful()).toBe(0);

  // Another user through the form.
  await voter.page.goto(`/crates/${CRATE}/reviews`);
  await reviewBy(voter.page, authorLogin).getByRole("button", { name: "Helpful" }).click();
  await expect(reviewBy(voter.page, authorLogin).getByRole("button", { name: "Marked helpful" })).toBeVisible();
  const afterUser = await helpful();
  expect(afterUser).toBeGreaterThan(0);

  // A moderator and an admin through the form too: their votes add up.
  let previous = afterUser;
  for (const { page } of [moderator, admin]) {
    await page.goto(`/crates/${CRATE}/reviews`);
    await reviewBy(page, authorLogin).getByRole("button", { name: "Helpful" }).click();
    await expect(reviewBy(page, authorLogin).getByRole("button", { name: "Marked helpful" })).toBeVisible();
    const now = await helpful();
    expect(now).toBeGreaterThan(previous);
    previous = now;
  }

  for (const context of [author.context, voter.context, admin.context, moderator.context]) await context.close();
});

test("reports: anonymous and the author are refused; another user, a moderator and an admin can report", async ({ browser, request }) => {
  const authorLogin = uniqueLogin("perm-report-author");
  const reporterLogin = uniqueLogin("perm-report-user");
  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, CRATE, { experience: "Read the source", overall: 2, body: `Report me (${authorLogin}).` });
  const reporter = await signedIn(browser, reporterLogin);
  const { admin, moderator, moderatorLogin } = await staff(browser, "perm-report");

  await reporter.page.goto(`/crates/${CRATE}/reviews`);
  const card = reviewBy(reporter.page, authorLogin);
  await card.getByText("Report", { exact: true }).click();
  await card.getByLabel("Reason").selectOption({ label: "Something else" });
  const report = await captureAction(reporter.page, () => card.getByRole("button", { name: "Send report" }).click());

  /** The queue as the admin sees it: this review's card, if it has open reports. */
  const queued = async () => {
    await admin.page.goto("/moderation");
    return queuedReview(admin.page, CRATE, authorLogin);
  };

  await replay(request, report);
  await replay(author.context.request, report);
  await expect(await queued()).toHaveCount(0);

  await replay(reporter.context.request, report);
  await expect((await queued()).getByRole("heading", { name: "1 open report" })).toBeVisible();

  await reportReview(moderator.page, CRATE, authorLogin, "Spam or advertising", `Reported by ${moderatorLogin}.`);
  await reportReview(admin.page, CRATE, authorLogin, "Misleading or false", "Reported by the admin.");
  const all = await queued();
  await expect(all.getByRole("heading", { name: "3 open reports" })).toBeVisible();
  await expect(all.getByRole("link", { name: reporterLogin })).toBeVisible();
  await expect(all.getByRole("link", { name: moderatorLogin })).toBeVisible();

  for (const context of [author.context, reporter.context, admin.context, moderator.context]) await context.close();
});

test("hiding and restoring: only moderators and admins; a cross-site post is refused even with a moderator's cookie", async ({
  browser,
  request,
}) => {
  const authorLogin = uniqueLogin("perm-hide-author");
  const reporterLogin = uniqueLogin("perm-hide-user");
  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, CRATE, { experience: "Tried it briefly", overall: 1, body: `Hide me (${authorLogin}).` });
  const reporter = await signedIn(browser, reporterLogin);
  await reportReview(reporter.page, CRATE, authorLogin, "Abusive or hateful", "Rude.");
  const { admin, moderator, moderatorLogin } = await staff(browser, "perm-hide");
  const published = async () => (await reviewJsonBy(request, CRATE, authorLogin)) !== undefined;
  const hideForm = (page: Page) => moderationForm(page, `Hide the review of ${CRATE} by ${authorLogin}`);
  const restoreForm = (page: Page) => moderationForm(page, `Restore the review of ${CRATE} by ${authorLogin}`);

  // Hiding: the form is in the moderators' queue.
  await moderator.page.goto("/moderation");
  const hide = await captureAction(moderator.page, () => decide(hideForm(moderator.page), `Hidden by a replayed request (${moderatorLogin})`));
  for (const as of [request, reporter.context.request, author.context.request]) {
    await replay(as, hide);
    expect(await published()).toBe(true);
  }
  // A plain user's queue shows nothing to act on.
  await reporter.page.goto("/moderation");
  await expect(hideForm(reporter.page)).toHaveCount(0);

  // Cross-site, with the moderator's valid cookie: refused by the origin check.
  const crossSite = await replay(moderator.context.request, hide, "http://evil.example");
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(await published()).toBe(true);
  // The same request from the site works: the refusals above were the checks.
  await replay(moderator.context.request, hide);
  expect(await published()).toBe(false);

  // Restoring: the form is on the log, next to the hiding.
  await moderator.page.goto("/moderation/log");
  const restore = await captureAction(moderator.page, () => decide(restoreForm(moderator.page), "Restored by a replayed request"));
  for (const as of [request, reporter.context.request, author.context.request]) {
    await replay(as, restore);
    expect(await published()).toBe(false);
  }
  const crossSiteRestore = await replay(admin.context.request, restore, "http://evil.example");
  expect(crossSiteRestore.status()).toBeGreaterThanOrEqual(400);
  expect(await published()).toBe(false);

  // The admin restores through the form...
  await admin.page.goto("/moderation/log");
  await decide(restoreForm(admin.page), "Restored by the admin");
  await expect(admin.page).toHaveURL(/\/moderation\/log\?done=restored$/);
  expect(await published()).toBe(true);
  // ...hides again (the review left the queue with its reports, so by the replayed request)...
  await replay(admin.context.request, hide);
  expect(await published()).toBe(false);
  // ...and the moderator restores through the form.
  await moderator.page.goto("/moderation/log");
  await decide(restoreForm(moderator.page), "Restored by the moderator");
  await expect(moderator.page).toHaveURL(/\/moderation\/log\?done=restored$/);
  expect(await published()).toBe(true);

  // Four decisions in the log, each by whoever took it.
  await moderator.page.goto("/moderation/log");
  const rows = moderator.page.getByRole("row");
  await expect(rows.filter({ hasText: "Restored by the moderator" }).getByRole("link", { name: moderatorLogin })).toBeVisible();
  await expect(rows.filter({ hasText: "Restored by the admin" }).getByRole("link", { name: "admin", exact: true })).toBeVisible();
  await expect(rows.filter({ hasText: `Hidden by a replayed request (${moderatorLogin})` })).toHaveCount(2);
  await expect(rows.filter({ hasText: "Restored by a replayed request" })).toHaveCount(0);

  for (const context of [author.context, reporter.context, admin.context, moderator.context]) await context.close();
});

test("dismissing reports: only moderators and admins", async ({ browser, request }) => {
  const authorLogin = uniqueLogin("perm-dismiss-author");
  const reporterLogin = uniqueLogin("perm-dismiss-user");
  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, CRATE, { experience: "Use it in production", overall: 5, body: `Keep me (${authorLogin}).` });
  const reporter = await signedIn(browser, reporterLogin);
  await reportReview(reporter.page, CRATE, authorLogin, "Not about this crate", "Off topic?");
  const { admin, moderator } = await staff(browser, "perm-dismiss");
  const inQueue = async () => {
    await moderator.page.goto("/moderation");
    return queuedReview(moderator.page, CRATE, authorLogin);
  };
  const dismissForm = (page: Page) => moderationForm(page, `Dismiss the reports on the review of ${CRATE} by ${authorLogin}`);

  await moderator.page.goto("/moderation");
  const dismiss = await captureAction(moderator.page, () => decide(dismissForm(moderator.page), "Dismissed by a replayed request"));
  for (const as of [request, reporter.context.request, author.context.request]) {
    await replay(as, dismiss);
    await expect(await inQueue()).toBeVisible();
  }
  const crossSite = await replay(moderator.context.request, dismiss, "http://evil.example");
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  await expect(await inQueue()).toBeVisible();

  // The moderator through the form: the reports close, the review stays.
  await decide(dismissForm(moderator.page), "Dismissed by the moderator");
  await expect(moderator.page).toHaveURL(/\/moderation\?done=dismissed$/);
  await expect(await inQueue()).toHaveCount(0);
  expect(await reviewJsonBy(request, CRATE, authorLogin)).toBeDefined();

  // A new report, and the admin dismisses it through the form.
  const second = await signedIn(browser, uniqueLogin("perm-dismiss-user2"));
  await reportReview(second.page, CRATE, authorLogin, "Something else", "Second opinion.");
  await expect(await inQueue()).toBeVisible();
  await admin.page.goto("/moderation");
  await decide(dismissForm(admin.page), "Dismissed by the admin");
  await expect(admin.page).toHaveURL(/\/moderation\?done=dismissed$/);
  await expect(await inQueue()).toHaveCount(0);
  expect(await reviewJsonBy(request, CRATE, authorLogin)).toBeDefined();

  for (const context of [author.context, reporter.context, second.context, admin.context, moderator.context]) await context.close();
});

/**
 * Freezes `crate`'s ratings the way a brigade would: 12 review saves within a
 * minute (lib/reviews/detect-burst.ts freezes at 10 a day on a quiet crate).
 * The first save of each writer goes through the form, the edits post the
 * form's fields straight away (the same request, without the page loads).
 */
async function burst(browser: Browser, crate: string): Promise<void> {
  for (let writer = 0; writer < 2; writer++) {
    const login = uniqueLogin(`perm-burst-${writer}`);
    const { context, page } = await signedIn(browser, login, { javaScript: false });
    await writeReview(page, crate, { experience: "Tried it briefly", overall: 5, body: `Great! (${login}, save 1)` });
    const review = await reviewJsonBy(page.request, crate, login);
    await page.goto(`/crates/${crate}/reviews/write`);
    const fields = await serverActionFields(page.locator("form:has(#body)"));
    const origin = new URL(page.url()).origin;
    for (let save = 2; save <= 6; save++) {
      const response = await page.request.post(`/crates/${crate}/reviews/write`, {
        multipart: { ...fields, version: review!.version, experience: "tried_briefly", overall: "5", body: `Great! (${login}, save ${save})` },
        headers: { Origin: origin },
        maxRedirects: 0,
      });
      expect(response.status()).toBe(303);
    }
    await context.close();
  }
}

test("releasing a rating freeze: only moderators and admins", async ({ browser, request }) => {
  test.setTimeout(600_000);
  await burst(browser, FROZEN_BY_MODERATOR);
  await burst(browser, FROZEN_BY_ADMIN);
  const user = await signedIn(browser, uniqueLogin("perm-freeze-user"));
  const { admin, moderator } = await staff(browser, "perm-freeze");
  const releaseForm = (page: Page, crate: string) => moderationForm(page, `Release the rating freeze of ${crate}`);
  const frozen = async (crate: string) => {
    await moderator.page.goto("/moderation");
    return releaseForm(moderator.page, crate);
  };

  await expect(await frozen(FROZEN_BY_MODERATOR)).toBeVisible();
  await expect(await frozen(FROZEN_BY_ADMIN)).toBeVisible();
  const release = await captureAction(moderator.page, () =>
    decide(releaseForm(moderator.page, FROZEN_BY_MODERATOR), "Released by a replayed request"),
  );
  for (const as of [request, user.context.request]) {
    await replay(as, release);
    await expect(await frozen(FROZEN_BY_MODERATOR)).toBeVisible();
  }
  const crossSite = await replay(moderator.context.request, release, "http://evil.example");
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  await expect(await frozen(FROZEN_BY_MODERATOR)).toBeVisible();

  await decide(releaseForm(moderator.page, FROZEN_BY_MODERATOR), "The burst was a release announcement");
  await expect(moderator.page).toHaveURL(/\/moderation\?done=released$/);
  await expect(await frozen(FROZEN_BY_MODERATOR)).toHaveCount(0);

  await admin.page.goto("/moderation");
  await decide(releaseForm(admin.page, FROZEN_BY_ADMIN), "Checked by the admin");
  await expect(admin.page).toHaveURL(/\/moderation\?done=released$/);
  await expect(await frozen(FROZEN_BY_ADMIN)).toHaveCount(0);

  // The log keeps the system's freezes and both releases.
  await moderator.page.goto("/moderation/log");
  const rows = moderator.page.getByRole("row");
  await expect(rows.filter({ hasText: "The burst was a release announcement" })).toContainText("Released a rating freeze");
  await expect(rows.filter({ hasText: "Checked by the admin" }).getByRole("link", { name: FROZEN_BY_ADMIN })).toHaveAttribute(
    "href",
    `/crates/${FROZEN_BY_ADMIN}`,
  );
  await expect(rows.filter({ hasText: "Froze ratings" }).filter({ hasText: FROZEN_BY_MODERATOR }).first()).toContainText("System");

  for (const context of [user.context, admin.context, moderator.context]) await context.close();
});

test("changing a role: only admins; nobody promotes themselves; a cross-site post is refused even with the admin's cookie", async ({
  browser,
  request,
}) => {
  const targetLogin = uniqueLogin("perm-role-target");
  const target = await signedIn(browser, targetLogin);
  const { admin, moderator } = await staff(browser, "perm-role");
  /** Whether the target can now moderate (the role is read from the database on each request). */
  const canModerate = async () => {
    await target.page.goto("/moderation");
    return (await target.page.getByRole("heading", { level: 1 }).textContent()) === "Moderation queue";
  };
  expect(await canModerate()).toBe(false);

  await admin.page.goto(`/admin/users?q=${encodeURIComponent(targetLogin)}`);
  await admin.page.getByLabel(`Role for ${targetLogin}`, { exact: true }).selectOption("moderator");
  await admin.page.getByLabel(`Reason for changing the role of ${targetLogin}`, { exact: true }).fill("Promoted by a replayed request");
  const setRole = await captureAction(admin.page, () =>
    admin.page.getByRole("button", { name: `Change role of ${targetLogin}`, exact: true }).click(),
  );

  // Anonymous, the target promoting themselves, and a moderator: refused.
  for (const as of [request, target.context.request, moderator.context.request]) {
    await replay(as, setRole);
    expect(await canModerate()).toBe(false);
  }
  // Nobody but admins sees the page.
  for (const page of [target.page, moderator.page]) {
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not allowed");
    await expect(page.getByRole("table")).toHaveCount(0);
  }
  const crossSite = await replay(admin.context.request, setRole, "http://evil.example");
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(await canModerate()).toBe(false);

  // The admin's own request goes through.
  await replay(admin.context.request, setRole);
  expect(await canModerate()).toBe(true);
  // And through the form: back to user.
  await grantRole(admin.page, targetLogin, "user");
  expect(await canModerate()).toBe(false);

  for (const context of [target.context, admin.context, moderator.context]) await context.close();
});
