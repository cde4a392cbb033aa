import { expect as baseExpect, type APIRequestContext, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { signIn } from "./sign-in";

/**
 * `expect` for the review specs: saves run the anti-abuse checks in their
 * transaction, and a busy machine needs more than the default 5 s.
 */
export const expect = baseExpect.configure({ timeout: 15_000 });

// Steps the review specs share: signing in a fresh person, writing a review
// through the form, reading the JSON API, and the hidden fields a server
// action form carries (to replay or forge its POST).

/** A login no other test (or earlier run on the same database) uses. */
export function uniqueLogin(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A new browser context signed in as `login`. Sign-in runs with JavaScript;
 * `javaScript: false` then moves the session cookie into a context without it.
 */
export async function signedIn(
  browser: Browser,
  login: string,
  { javaScript = true }: { javaScript?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const withJs = await browser.newContext();
  const page = await withJs.newPage();
  await signIn(page, login);
  if (javaScript) return { context: withJs, page };
  const storageState = await withJs.storageState();
  await withJs.close();
  const context = await browser.newContext({ storageState, javaScriptEnabled: false });
  return { context, page: await context.newPage() };
}

/** The signed-in person's user id, from the header's link to their page. */
export async function ownUserId(page: Page, login: string): Promise<string> {
  const href = await page.getByRole("link", { name: `Signed in as ${login}` }).getAttribute("href");
  const id = href?.match(/^\/users\/([^/?#]+)$/)?.[1];
  if (!id) throw new Error(`no link to the user page of ${login} in the header (href ${href})`);
  return decodeURIComponent(id);
}

export interface ReviewInput {
  /** An experience label as the form shows it, e.g. "Used it in a project". */
  experience?: string;
  overall?: number;
  /** Other criteria by their label, e.g. { Documentation: 5 }. */
  ratings?: Record<string, number>;
  body?: string;
  version?: string;
}

/** Fills the review form on the current page with what `input` gives; the rest stays as it is. */
export async function fillReviewForm(page: Page, input: ReviewInput): Promise<void> {
  if (input.version) await page.getByLabel("Version you used").selectOption(input.version);
  if (input.experience) await page.getByRole("radio", { name: input.experience, exact: true }).check();
  const ratings: Record<string, number> = { ...input.ratings };
  if (input.overall !== undefined) ratings["Overall (required)"] = input.overall;
  for (const [criterion, value] of Object.entries(ratings)) {
    await page
      .getByRole("group", { name: criterion, exact: true })
      .getByRole("radio", { name: new RegExp(`^${value} out of 5`) })
      .check();
  }
  if (input.body !== undefined) await page.getByLabel("Your review").fill(input.body);
}

/** Writes (or edits) the signed-in person's review of `crate` through the form and waits for the reviews page. */
export async function writeReview(page: Page, crate: string, input: ReviewInput): Promise<void> {
  await page.goto(`/crates/${crate}/reviews/write`);
  await fillReviewForm(page, input);
  await page.getByRole("button", { name: /^(Publish review|Save changes)$/ }).click();
  await expect(page).toHaveURL(new RegExp(`/crates/${crate}/reviews\\?saved=(created|updated)`), { timeout: 30_000 });
}

/** A review on the page, found by its author's name. */
export function reviewBy(scope: Page | Locator, author: string): Locator {
  return scope.getByRole("article", { name: new RegExp(`^Review by ${author}\\b`) });
}

export interface ReviewJson {
  id: number;
  author: { id: string; name: string };
  version: string;
  experience: string;
  ratings: Record<string, number | null>;
  body_html: string;
  helpful: number;
  edited: boolean;
  created_at: string;
  updated_at: string;
}

/** GET /api/v1/crates/<crate>/reviews, asserting a 200. */
export async function reviewsJson(
  request: APIRequestContext,
  crate: string,
  query = "per_page=50",
): Promise<{ total: number; reviews: ReviewJson[]; ratings: { review_count: number; criteria: Record<string, { count: number; score: number; histogram: number[] }> } }> {
  const response = await request.get(`/api/v1/crates/${crate}/reviews?${query}`);
  expect(response.status()).toBe(200);
  return response.json();
}

/** One author's review of `crate` as the API has it, or undefined. */
export async function reviewJsonBy(request: APIRequestContext, crate: string, author: string): Promise<ReviewJson | undefined> {
  const { reviews } = await reviewsJson(request, crate);
  return reviews.find((r) => r.author.name === author);
}

/**
 * The fields of a server-action form as the server rendered it: React's hidden
 * `$ACTION_…` inputs plus the form's own hidden inputs. Read from a page
 * without JavaScript, where the form is exactly what a browser would post.
 */
export async function serverActionFields(form: Locator): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  for (const input of await form.locator('input[type="hidden"]').all()) {
    const name = await input.getAttribute("name");
    if (name) fields[name] = (await input.getAttribute("value")) ?? "";
  }
  expect(Object.keys(fields).some((name) => name.startsWith("$ACTION_"))).toBe(true);
  return fields;
}
