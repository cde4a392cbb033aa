import AxeBuilder from "@axe-core/playwright";
import { test, type Page } from "@playwright/test";
import {
  expect,
  fillReviewForm,
  ownUserId,
  reviewBy,
  reviewJsonBy,
  reviewsJson,
  serverActionFields,
  signedIn,
  uniqueLogin,
  writeReview,
} from "./review-steps";

// Reviews as people use them: writing (with and without JavaScript), editing
// and the history, helpful votes, sorting, a user's page, bad input, and the
// JSON API. Every test signs in fresh people and works on its own fixture
// crate, so tests can run in parallel and stay under the burst detector's
// threshold (10 review saves and votes per crate per day on a new database).

test.describe.configure({ timeout: 240_000 });

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("anonymous visitors see the ratings and are asked to sign in to review", async ({ page }) => {
  await page.goto("/crates/anyhow");
  const ratings = page.getByRole("region", { name: "Ratings" });
  await expect(ratings).toBeVisible();
  const signIn = page.getByRole("main").getByRole("link", { name: "Sign in to review" });
  await expect(signIn).toHaveAttribute("href", /^\/signin\?callbackUrl=%2Fcrates%2Fanyhow/);

  await page.goto("/crates/anyhow/reviews");
  await expect(page.getByRole("heading", { level: 1, name: "Reviews of anyhow" })).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: "Sign in to review" }).first()).toBeVisible();

  // The form itself sends anonymous visitors to sign in, and back afterwards.
  await page.goto("/crates/anyhow/reviews/write");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fcrates%2Fanyhow%2Freviews%2Fwrite$/);
});

test("without JavaScript: write a review, see it with the aggregate, edit it, read the history and the user page", async ({
  browser,
  request,
}) => {
  const login = uniqueLogin("rev-nojs");
  const { context, page } = await signedIn(browser, login, { javaScript: false });
  const crate = await (await request.get("/api/v1/crates/walkdir")).json();

  await page.goto("/crates/walkdir");
  await page.getByRole("main").getByRole("link", { name: "Write a review" }).first().click();
  await expect(page).toHaveURL(/\/crates\/walkdir\/reviews\/write$/);
  await expect(page.getByRole("heading", { level: 1, name: "Review walkdir" })).toBeVisible();
  // The version defaults to the one the crate page shows.
  await expect(page.getByLabel("Version you used")).toHaveValue(crate.default_version);

  // A body of spaces passes the browser's `required` but not the server: the
  // form comes back with the message and everything else as typed.
  await fillReviewForm(page, { experience: "Used it in a project", overall: 4, ratings: { Documentation: 5 }, body: "   " });
  await page.getByRole("button", { name: "Publish review" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("Write your review: it cannot be empty.");
  await expect(page.locator("#body-error")).toHaveText(/cannot be empty/);
  await expect(page.getByRole("radio", { name: "Used it in a project" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Documentation" }).getByRole("radio", { name: /^5 out of 5/ })).toBeChecked();
  await expect(page.getByRole("group", { name: "Overall (required)" }).getByRole("radio", { name: /^4 out of 5/ })).toBeChecked();
  expect(await reviewJsonBy(request, "walkdir", login)).toBeUndefined();

  await fillReviewForm(page, { body: "Walks directory trees **reliably**; the `filter_entry` API is neat." });
  await page.getByRole("button", { name: "Publish review" }).click();
  await expect(page).toHaveURL(/\/crates\/walkdir\/reviews\?saved=created#review-\d+$/);
  await expect(page.getByRole("main").getByRole("status")).toContainText("your review is published");
  const card = reviewBy(page, login);
  await expect(card).toContainText("4 out of 5");
  await expect(card.locator("strong")).toHaveText("reliably");
  await expect(card).toContainText(`Version ${crate.default_version}`);
  await expect(card).toContainText("Used it in a project");
  // The aggregate counts it: one review, a 4 in the overall histogram.
  const ratings = page.getByRole("region", { name: "Ratings" });
  await expect(ratings).toContainText("from 1 review");
  const fourStars = ratings.getByRole("table", { name: /^Overall ratings of walkdir/ }).getByRole("row", { name: /^4 stars/ });
  await expect(fourStars.getByRole("cell").last()).toHaveText("1");

  // The crate page shows the summary, the review, and offers an edit.
  await page.goto("/crates/walkdir");
  await expect(page.getByRole("region", { name: "Ratings" })).toContainText("from 1 review");
  await expect(reviewBy(page.getByRole("region", { name: "Reviews" }), login)).toContainText("reliably");
  await page.getByRole("main").getByRole("link", { name: "Edit your review" }).first().click();

  // Editing: the form is prefilled with what was saved.
  await expect(page.getByRole("heading", { level: 1, name: "Edit your review of walkdir" })).toBeVisible();
  await expect(page.getByLabel("Your review")).toHaveValue(/filter_entry/);
  await expect(page.getByRole("group", { name: "Overall (required)" }).getByRole("radio", { name: /^4 out of 5/ })).toBeChecked();
  await fillReviewForm(page, { overall: 3, body: "Second look: fine, but *symlink loops* need care." });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/crates\/walkdir\/reviews\?saved=updated#review-\d+$/);
  await expect(reviewBy(page, login)).toContainText("3 out of 5");
  await expect(reviewBy(page, login).locator("em")).toHaveText("symlink loops");

  // The history keeps both versions, newest first.
  await reviewBy(page, login).getByRole("link", { name: /edited/ }).click();
  await expect(page).toHaveURL(/\/crates\/walkdir\/reviews\/\d+\/history$/);
  const historyPath = new URL(page.url()).pathname;
  const revisions = page.getByRole("main").getByRole("article");
  await expect(revisions).toHaveCount(2);
  await expect(revisions.nth(0)).toContainText("Revision 2 (current)");
  await expect(revisions.nth(0)).toContainText("Second look: fine, but *symlink loops* need care.");
  await expect(revisions.nth(0)).toContainText("3 out of 5");
  await expect(revisions.nth(1)).toContainText("Revision 1 (first)");
  await expect(revisions.nth(1)).toContainText("the `filter_entry` API is neat.");
  await expect(revisions.nth(1)).toContainText("4 out of 5");

  // The author's page lists the review, linked to the crate.
  await page.getByRole("main").getByRole("link", { name: login }).first().click();
  await expect(page).toHaveURL(new RegExp(`/users/${await ownUserId(page, login)}$`));
  await expect(page.getByRole("heading", { level: 1, name: login })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(/Joined \d{4}-\d{2}-\d{2} · 1 review/);
  const onUserPage = page.getByRole("article", { name: "Review of walkdir" });
  await expect(onUserPage).toContainText("symlink loops");
  await expect(onUserPage.getByRole("link", { name: "walkdir" })).toHaveAttribute("href", "/crates/walkdir");

  // Unknown users and reviews are 404s; a review's history lives under its own crate only.
  expect((await request.get("/users/no-such-user")).status()).toBe(404);
  expect((await request.get(historyPath.replace("/walkdir/", "/serde/"))).status()).toBe(404);
  expect((await request.get("/crates/walkdir/reviews/abc/history")).status()).toBe(404);
  expect((await request.get("/crates/walkdir/reviews/999999999/history")).status()).toBe(404);
  await context.close();
});

test("with JavaScript: write a review, and another user marks it helpful; nobody votes on their own", async ({
  browser,
  request,
}) => {
  const authorLogin = uniqueLogin("rev-author");
  const readerLogin = uniqueLogin("rev-reader");
  const author = await signedIn(browser, authorLogin);
  await writeReview(author.page, "itertools", {
    experience: "Use it in production",
    overall: 5,
    ratings: { "API design": 4, Performance: 5 },
    body: "`Itertools::chunk_by` saved me a loop. See [the docs](https://docs.rs/itertools).",
  });
  const own = reviewBy(author.page, authorLogin);
  await expect(own).toContainText("5 out of 5");
  await expect(own.getByRole("link", { name: "the docs" })).toHaveAttribute("href", "https://docs.rs/itertools");
  // The author gets no vote button on their own review, only the score.
  await expect(own.getByRole("button", { name: /helpful/i })).toHaveCount(0);
  await expect(own).toContainText("No helpful votes yet");

  const reader = await signedIn(browser, readerLogin);
  await reader.page.goto("/crates/itertools/reviews");
  const card = reviewBy(reader.page, authorLogin);
  const helpful = card.getByRole("button", { name: "Helpful" });
  await expect(helpful).toHaveAttribute("aria-pressed", "false");
  await helpful.click();
  // New accounts' votes count 0.25 (lib/reviews/action-weight.ts).
  await expect(card.getByRole("button", { name: "Marked helpful" })).toHaveAttribute("aria-pressed", "true");
  await expect(card.getByTestId("helpful-count")).toHaveText("Helpful score 0.25");
  expect((await reviewJsonBy(request, "itertools", authorLogin))?.helpful).toBe(0.25);

  // Reporting: a reason from the list and optional details, once per review.
  await card.getByText("Report", { exact: true }).click();
  await card.getByLabel("Reason").selectOption({ label: "Spam or advertising" });
  await card.getByLabel(/^Details/).fill("Links to a paid course.");
  await card.getByRole("button", { name: "Send report" }).click();
  await expect(card.getByRole("status")).toHaveText("Thank you: the moderators will look at this review.");
  await reader.page.reload();
  await reviewBy(reader.page, authorLogin).getByText("Report", { exact: true }).click();
  await reviewBy(reader.page, authorLogin).getByLabel("Reason").selectOption({ label: "Something else" });
  await reviewBy(reader.page, authorLogin).getByRole("button", { name: "Send report" }).click();
  await expect(reviewBy(reader.page, authorLogin).getByRole("alert")).toHaveText(/already reported this review/);

  // The author cannot vote on their own review even by posting the form
  // (forged from the reader's page): the server refuses and nothing changes.
  const readerNoJs = await browser.newContext({ storageState: await reader.context.storageState(), javaScriptEnabled: false });
  const readerPage = await readerNoJs.newPage();
  await readerPage.goto("/crates/itertools/reviews");
  const voteForm = reviewBy(readerPage, authorLogin).locator("form", { has: readerPage.locator('input[name="helpful"]') });
  const fields = await serverActionFields(voteForm);
  const forged = await author.page.request.post("/crates/itertools/reviews", {
    multipart: { ...fields, helpful: "true" },
    headers: { Origin: new URL(author.page.url()).origin },
  });
  expect(forged.status()).toBeLessThan(500);
  expect((await reviewJsonBy(request, "itertools", authorLogin))?.helpful).toBe(0.25);
  // The same post from the reader works (the forged one failed on who sent it):
  // it takes the vote back.
  const replayed = await readerPage.request.post("/crates/itertools/reviews", {
    multipart: { ...fields, helpful: "false" },
    headers: { Origin: new URL(author.page.url()).origin },
  });
  expect(replayed.status()).toBe(200);
  expect((await reviewJsonBy(request, "itertools", authorLogin))?.helpful).toBe(0);

  await author.context.close();
  await reader.context.close();
  await readerNoJs.close();
});

test("reviews sort by helpfulness, recency and rating, with the order in the URL", async ({ browser }) => {
  const crate = "smallvec";
  const logins = [uniqueLogin("rev-sort-a"), uniqueLogin("rev-sort-b"), uniqueLogin("rev-sort-c")];
  const overall = [5, 1, 3];
  for (const [i, login] of logins.entries()) {
    const { context, page } = await signedIn(browser, login);
    await writeReview(page, crate, { experience: "Tried it briefly", overall: overall[i], body: `Review number ${i + 1} by ${login}.` });
    await context.close();
  }
  const voter = await signedIn(browser, uniqueLogin("rev-sort-voter"));
  const page = voter.page;
  await page.goto(`/crates/${crate}/reviews`);
  // The lowest-rated review gets the only helpful vote, so "most helpful" puts it first.
  await reviewBy(page, logins[1]!).getByRole("button", { name: "Helpful" }).click();
  await expect(reviewBy(page, logins[1]!).getByTestId("helpful-count")).toHaveText("Helpful score 0.25");

  const authors = async () => {
    const names = await page.getByRole("region", { name: "Reviews" }).getByRole("article").evaluateAll((articles) =>
      articles.map((a) => a.querySelector("h3 a")?.textContent ?? ""),
    );
    return names.filter((name) => logins.includes(name));
  };
  const [a, b, c] = logins as [string, string, string];

  await page.goto(`/crates/${crate}/reviews`);
  await expect(page.getByRole("navigation", { name: "Sort reviews" }).getByText("Most helpful")).toHaveAttribute("aria-current", "true");
  expect((await authors())[0]).toBe(b);

  await page.getByRole("link", { name: "Sort by Highest rated" }).click();
  await expect(page).toHaveURL(new RegExp(`/crates/${crate}/reviews\\?sort=highest$`));
  expect(await authors()).toEqual([a, c, b]);

  await page.getByRole("link", { name: "Sort by Lowest rated" }).click();
  await expect(page).toHaveURL(/\?sort=lowest$/);
  expect(await authors()).toEqual([b, c, a]);

  await page.getByRole("link", { name: "Sort by Most recent" }).click();
  await expect(page).toHaveURL(/\?sort=recent$/);
  expect(await authors()).toEqual([c, b, a]);
  await voter.context.close();
});

test("bad input shows the messages by the fields, keeps what was typed, and stores nothing", async ({ browser, request }) => {
  const login = uniqueLogin("rev-bad");
  const { context, page } = await signedIn(browser, login);
  await page.goto("/crates/bincode/reviews/write");
  await expectNoSeriousA11yViolations(page);
  await fillReviewForm(page, { experience: "Read the source", ratings: { Security: 2 } });
  // Skip the browser's own checks (`required`) to see the server's answer.
  await page.locator("form:has(#body)").evaluate((form: HTMLFormElement) => {
    form.noValidate = true;
  });
  await page.getByRole("button", { name: "Publish review" }).click();

  const summary = page.getByRole("main").getByRole("alert");
  await expect(summary).toContainText("Write your review: it cannot be empty.");
  await expect(summary).toContainText("Give the crate an overall rating from 1 to 5.");
  await expect(page.locator("#body-error")).toHaveText("Write your review: it cannot be empty.");
  await expect(page.locator("#overall-error")).toHaveText("Give the crate an overall rating from 1 to 5.");
  await expect(page.getByLabel("Your review")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("radio", { name: "Read the source" })).toBeChecked();
  await expect(page.getByRole("group", { name: "Security" }).getByRole("radio", { name: /^2 out of 5/ })).toBeChecked();
  await expect(summary).toBeFocused();

  // Nothing stored: no review by this person, and the form still offers to write one.
  expect(await reviewJsonBy(request, "bincode", login)).toBeUndefined();
  await page.goto("/crates/bincode/reviews");
  await expect(page.getByRole("main").getByRole("link", { name: "Write a review" }).first()).toBeVisible();
  await context.close();
});

test("a crate's reviews page passes the accessibility checks with a review on it", async ({ browser }) => {
  const login = uniqueLogin("rev-a11y");
  const { context, page } = await signedIn(browser, login);
  await writeReview(page, "humantime", {
    experience: "Used it in a project",
    overall: 4,
    ratings: { Documentation: 3, Reliability: 5 },
    body: "Parses `2h 30m` as expected.\n\n- short\n- sweet",
  });
  await expectNoSeriousA11yViolations(page);
  await page.goto("/crates/humantime");
  await expectNoSeriousA11yViolations(page);
  await context.close();
});

test("GET /api/v1/crates/<name>/reviews answers reviews and aggregates, 404 and 400 as documented", async ({ browser, request }) => {
  const login = uniqueLogin("rev-api");
  const { context, page } = await signedIn(browser, login);
  await writeReview(page, "petgraph", {
    experience: "Read the source",
    overall: 2,
    ratings: { Documentation: 3 },
    body: "Graph algorithms **galore**, but the docs lag behind.",
  });
  await context.close();

  const body = await reviewsJson(request, "petgraph", "sort=recent&per_page=5");
  expect(body).toMatchObject({ crate: "petgraph", sort: "recent", page: 1, per_page: 5 });
  expect(body.total).toBeGreaterThanOrEqual(1);
  expect(body.ratings.review_count).toBeGreaterThanOrEqual(1);
  expect(Object.keys(body.ratings.criteria).sort()).toEqual(
    ["api_design", "documentation", "maintenance", "overall", "performance", "reliability", "security"].sort(),
  );
  expect(body.ratings.criteria.overall!.histogram).toHaveLength(5);
  expect(body.ratings.criteria.overall!.histogram[1]).toBeGreaterThanOrEqual(1);
  const mine = body.reviews.find((r) => r.author.name === login);
  expect(mine).toMatchObject({
    version: expect.any(String),
    experience: "read_source",
    ratings: { overall: 2, documentation: 3, api_design: null, security: null },
    helpful: 0,
    edited: false,
  });
  expect(mine!.body_html).toContain("<strong>galore</strong>");
  expect(new Date(mine!.created_at).getTime()).not.toBeNaN();

  const missing = await request.get("/api/v1/crates/no-such-crate-anywhere/reviews");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toMatch(/not found/);

  for (const [query, message] of [
    ["sort=stars", /sort must be one of: helpful, recent, highest, lowest/],
    ["page=0", /page must be at least 1/],
    ["page=abc", /page must be a whole number/],
    ["per_page=1000", /per_page must be at most 50/],
  ] as const) {
    const response = await request.get(`/api/v1/crates/petgraph/reviews?${query}`);
    expect(response.status(), query).toBe(400);
    expect((await response.json()).error, query).toMatch(message);
  }
});
