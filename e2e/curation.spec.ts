import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Page } from "@playwright/test";
import { grantRole, signedInAdmin } from "./moderation-steps";
import { serverActionFields, signedIn, uniqueLogin } from "./review-steps";

// Filter lists as curators use them: create, edit with validation as you
// type, preview, save, history with the diff, revert; the editor without
// JavaScript; who may not (the forbidden notice, a replayed save); and the
// public exports. Every test works on lists of its own (a new list is in no
// view, so it hides nothing other specs see).

test.describe.configure({ timeout: 300_000 });
// Saves re-evaluate views and previews scan every crate: give them time on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });

function uniqueSlug(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Creates a list through /lists/new (works with and without JavaScript) and waits for its page. */
async function createList(page: Page, slug: string, body: string): Promise<void> {
  await page.goto("/lists/new");
  await page.getByLabel("Slug").fill(slug);
  await page.getByLabel("Title").fill(`E2E ${slug}`);
  await page.getByLabel(/^Description/).fill("Made by the curation spec.");
  await page.locator("#body").fill(body);
  await page.getByLabel("Message for the history").fill("First version");
  await page.getByRole("button", { name: "Create list" }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${slug}\\?created=1$`));
  await expect(page.getByRole("status")).toContainText("List created: revision 1 saved.");
}

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a curator creates a list, fixes a rule the editor flags by line, previews, saves, reads the diff and reverts", async ({ browser, request }) => {
  const admin = await signedInAdmin(browser);
  const login = uniqueLogin("cur");
  const { context, page } = await signedIn(browser, login);
  await grantRole(admin.page, login, "curator");
  await admin.context.close();

  await page.goto("/lists");
  await expect(page.getByRole("heading", { level: 1, name: "Filter lists" })).toBeVisible();
  await page.getByRole("link", { name: "New list" }).click();
  await expect(page).toHaveURL(/\/lists\/new$/);
  const slug = uniqueSlug("cur");
  await createList(page, slug, "! Title: Curation spec\nhide name:fnv # a test");
  await expect(page.getByRole("region", { name: "Curators" })).toContainText(login);
  await expect(page.locator("#L2")).toContainText("hide name:fnv # a test");

  await page.getByRole("navigation", { name: "This list" }).getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${slug}/edit$`));
  const editor = page.locator("#body");
  const summary = page.locator("#body-summary");
  await expect(summary).toHaveText("1 rule, 0 errors");

  // A bad matcher on line 3 is flagged while typing, by line.
  await editor.fill("! Title: Curation spec\nhide name:fnv # a test\nhide nme:walkdir");
  await expect(summary).toHaveText("1 rule, 1 error");
  const lineError = page.getByRole("list", { name: "Errors by line" }).getByRole("link");
  await expect(lineError).toHaveText(/^Line 3: Unknown matcher "nme:"/);
  await expectNoSeriousA11yViolations(page);
  // The error link puts the caret on its line.
  await lineError.click();
  await expect(editor).toBeFocused();
  const lineStart = "! Title: Curation spec\nhide name:fnv # a test\n".length;
  expect(await editor.evaluate((el: HTMLTextAreaElement) => [el.selectionStart, el.selectionEnd])).toEqual([lineStart, lineStart + "hide nme:walkdir".length]);

  await editor.fill("! Title: Curation spec\nhide name:fnv # a test\nhide name:walkdir # also this one");
  await expect(summary).toHaveText("2 rules, 0 errors");
  await expect(page.getByRole("list", { name: "Errors by line" })).toHaveCount(0);

  // Preview: the list alone, before against after.
  await page.getByRole("button", { name: "Preview" }).click();
  const preview = page.getByRole("region", { name: "Preview (not saved yet)" });
  await expect(preview.getByRole("status")).toHaveText("This change hides 1 crate.");
  await preview.getByText("Hidden (1)").click();
  await expect(preview.getByRole("link", { name: "walkdir" })).toHaveAttribute("href", "/crates/walkdir");
  // The text survives the preview.
  await expect(editor).toHaveValue(/walkdir # also this one$/);

  await page.getByLabel(/^What changed and why/).fill("Hide walkdir too");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${slug}\\?saved=2$`));
  await expect(page.getByRole("status")).toHaveText("Revision 2 saved.");
  await expect(page.locator("#L3")).toContainText("hide name:walkdir # also this one");

  // History, newest first, and the diff of revision 2.
  await page.getByRole("navigation", { name: "This list" }).getByRole("link", { name: "History" }).click();
  const revisions = page.getByRole("list", { name: "Revisions, newest first" }).getByRole("listitem");
  await expect(revisions).toHaveCount(2);
  await expect(revisions.nth(0)).toContainText("Revision 2 (current)");
  await expect(revisions.nth(0)).toContainText("Hide walkdir too");
  await expect(revisions.nth(0)).toContainText(login);
  await expect(revisions.nth(1)).toContainText("First version");
  await revisions.nth(0).getByRole("link", { name: "Revision 2 (current)" }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${slug}/history/2$`));
  const added = page.getByRole("row").filter({ hasText: "hide name:walkdir # also this one" });
  await expect(added).toHaveCount(1);
  await expect(added).toContainText("added");
  await expect(added.getByRole("cell").nth(1)).toHaveText("3");
  // Nothing to revert to on the current revision.
  await expect(page.getByRole("button", { name: "Revert to this revision" })).toHaveCount(0);

  // Revert to revision 1: a new revision 3 with the first text.
  await page.getByRole("link", { name: "← Revision 1" }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${slug}/history/1$`));
  await page.getByRole("button", { name: "Revert to this revision" }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${slug}\\?saved=3$`));
  await expect(page.getByRole("status")).toHaveText("Revision 3 saved.");
  await expect(page.getByRole("region", { name: "Rules with line numbers" })).not.toContainText("walkdir");
  const text = await request.get(`/api/v1/lists/${slug}?format=text`);
  expect(await text.text()).toBe("! Title: Curation spec\nhide name:fnv # a test");

  await context.close();
});

test("plain users see the forbidden notice and a replayed save of theirs changes nothing", async ({ browser, request }) => {
  const admin = await signedInAdmin(browser);
  const slug = uniqueSlug("perm");
  await createList(admin.page, slug, "hide name:fnv # admin's list");
  const origin = new URL(admin.page.url()).origin;

  const plainLogin = uniqueLogin("plain");
  const plain = await signedIn(browser, plainLogin);
  await plain.page.goto("/lists/new");
  await expect(plain.page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await expect(plain.page.getByRole("main")).toContainText("Only curators and admins can create filter lists.");
  await expect(plain.page.locator("#body")).toHaveCount(0);
  await plain.page.goto(`/lists/${slug}/edit`);
  await expect(plain.page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await expect(plain.page.locator("#body")).toHaveCount(0);
  await plain.page.goto(`/lists/${slug}`);
  await expect(plain.page.getByRole("navigation", { name: "This list" }).getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(plain.page.getByRole("link", { name: "New list" })).toHaveCount(0);

  // Anonymous visitors are sent to sign in.
  const anonymous = await browser.newPage();
  await anonymous.goto(`/lists/${slug}/edit`);
  await expect(anonymous).toHaveURL(new RegExp(`/signin\\?callbackUrl=%2Flists%2F${slug}%2Fedit$`));
  await anonymous.close();

  // The editor form as the server renders it for the admin, posted with the plain user's session (and with none).
  const noJs = await browser.newContext({ storageState: await admin.context.storageState(), javaScriptEnabled: false });
  const formPage = await noJs.newPage();
  await formPage.goto(`/lists/${slug}/edit`);
  const fields = await serverActionFields(formPage.locator("form:has(#body)"));
  const forged = { ...fields, intent: "save", body: "hide name:serde # forged", message: "forged" };
  const asPlain = await plain.page.request.post(`/lists/${slug}/edit`, { multipart: forged, headers: { Origin: origin }, maxRedirects: 0 });
  expect(asPlain.status()).toBeLessThan(500);
  expect(asPlain.headers().location ?? "").not.toContain("saved=");
  const asAnonymous = await request.post(`/lists/${slug}/edit`, { multipart: forged, headers: { Origin: origin }, maxRedirects: 0 });
  expect(asAnonymous.status()).toBeLessThan(500);
  expect(asAnonymous.headers().location ?? "").not.toContain("saved=");
  expect(await (await request.get(`/api/v1/lists/${slug}?format=text`)).text()).toBe("hide name:fnv # admin's list");

  // Control: the same post with the admin's session saves, so the refusals above were the permission check.
  const asAdmin = await admin.page.request.post(`/lists/${slug}/edit`, {
    multipart: { ...forged, message: "control" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(asAdmin.status()).toBe(303);
  expect(asAdmin.headers().location).toMatch(new RegExp(`/lists/${slug}\\?saved=2$`));
  expect(await (await request.get(`/api/v1/lists/${slug}?format=text`)).text()).toBe("hide name:serde # forged");

  // The same form again is now based on an old revision: a conflict, said plainly, with the text kept.
  const stale = await admin.page.request.post(`/lists/${slug}/edit`, {
    multipart: { ...forged, body: "hide name:slab # stale", message: "stale" },
    headers: { Origin: origin },
    maxRedirects: 0,
  });
  expect(stale.status()).toBe(200);
  const staleHtml = await stale.text();
  expect(staleHtml).toContain("Someone saved this list since you opened it");
  expect(staleHtml).toContain("Your text is kept below");
  expect(staleHtml).toContain("hide name:slab # stale");
  expect(await (await request.get(`/api/v1/lists/${slug}?format=text`)).text()).toBe("hide name:serde # forged");

  await noJs.close();
  await plain.context.close();
  await admin.context.close();
});

test("without JavaScript: create a list, a save refused with the line of the error keeps the text, preview, save", async ({ browser }) => {
  const { context, page } = await signedIn(browser, "admin", { javaScript: false });
  const slug = uniqueSlug("nojs");
  await createList(page, slug, "hide name:fnv # no js");

  await page.goto(`/lists/${slug}/edit`);
  const bad = "hide name:fnv # no js\nhide bogus:thing";
  await page.locator("#body").fill(bad);
  await page.getByLabel(/^What changed and why/).fill("Try a bad rule");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("The list has 1 error, first on line 2");
  await expect(alert.getByRole("link")).toHaveText(/^Line 2: Unknown matcher "bogus:"/);
  await expect(page.locator("#body")).toHaveValue(bad);
  await expect(page.getByLabel(/^What changed and why/)).toHaveValue("Try a bad rule");
  // The server-rendered check of the kept text shows it too.
  await expect(page.locator("#body-summary")).toHaveText("1 rule, 1 error");

  await page.locator("#body").fill("hide name:fnv # no js\nhide name:slab # and slab");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview (not saved yet)" }).getByRole("status")).toHaveText("This change hides 1 crate.");
  await expect(page.locator("#body")).toHaveValue("hide name:fnv # no js\nhide name:slab # and slab");

  await page.getByLabel(/^What changed and why/).fill("Hide slab");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/lists/${slug}\\?saved=2$`));
  await expect(page.getByRole("status")).toHaveText("Revision 2 saved.");
  await expect(page.locator("#L2")).toContainText("hide name:slab # and slab");
  await context.close();
});

test("exports answer text, JSON and cargo-deny with their content types; bad formats and slugs are 4xx", async ({ browser, request }) => {
  const admin = await signedInAdmin(browser);
  const slug = uniqueSlug("exp");
  await createList(admin.page, slug, "! Title: Export spec\nhide name:fnv # export test");
  await admin.context.close();

  const text = await request.get(`/api/v1/lists/${slug}?format=text`);
  expect(text.status()).toBe(200);
  expect(text.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(await text.text()).toBe("! Title: Export spec\nhide name:fnv # export test");

  const json = await request.get(`/api/v1/lists/${slug}?format=json`);
  expect(json.status()).toBe(200);
  expect(json.headers()["content-type"]).toMatch(/^application\/json/);
  expect(JSON.stringify(await json.json())).toContain("fnv");
  const byDefault = await request.get(`/api/v1/lists/${slug}`);
  expect(byDefault.headers()["content-type"]).toMatch(/^application\/json/);

  const deny = await request.get(`/api/v1/lists/${slug}?format=cargo-deny`);
  expect(deny.status()).toBe(200);
  expect(deny.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(deny.headers()["content-disposition"]).toBe(`attachment; filename="deny-${slug}.toml"`);
  expect(await deny.text()).toContain("fnv");

  const badFormat = await request.get(`/api/v1/lists/${slug}?format=yaml`);
  expect(badFormat.status()).toBe(400);
  expect(await badFormat.json()).toEqual({ error: "format must be one of: json, text, cargo-deny" });
  const missing = await request.get("/api/v1/lists/no-such-list-here");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toContain("no-such-list-here");

  const index = await request.get("/api/v1/lists");
  expect(index.status()).toBe(200);
  const lists: { slug: string; rule_count: number }[] = (await index.json()).lists;
  expect(lists.find((l) => l.slug === slug)?.rule_count).toBe(1);

  // Views: the index, one view's exports, and the same 4xx rules.
  const views = await request.get("/api/v1/views");
  expect(views.status()).toBe(200);
  const viewList: { slug: string }[] = (await views.json()).views;
  expect(viewList.length).toBeGreaterThan(0);
  const viewSlug = viewList[0]!.slug;
  const viewJson = await request.get(`/api/v1/views/${viewSlug}?format=json`);
  expect(viewJson.status()).toBe(200);
  expect(viewJson.headers()["content-type"]).toMatch(/^application\/json/);
  const viewDeny = await request.get(`/api/v1/views/${viewSlug}?format=cargo-deny`);
  expect(viewDeny.status()).toBe(200);
  expect(viewDeny.headers()["content-type"]).toBe("text/plain; charset=utf-8");
  expect(viewDeny.headers()["content-disposition"]).toBe(`attachment; filename="deny-${viewSlug}.toml"`);
  const viewText = await request.get(`/api/v1/views/${viewSlug}?format=text`);
  expect(viewText.status()).toBe(400);
  expect(await viewText.json()).toEqual({ error: "format must be one of: json, cargo-deny" });
  expect((await request.get("/api/v1/views/no-such-view-here")).status()).toBe(404);

  // The pages link the exports.
  const page = await browser.newPage();
  await page.goto(`/lists/${slug}`);
  await expect(page.getByRole("list", { name: `Exports of ${slug}` }).getByRole("link", { name: /^cargo-deny/ })).toHaveAttribute(
    "href",
    `/api/v1/lists/${slug}?format=cargo-deny`,
  );
  await page.goto("/views");
  await expect(page.getByRole("link", { name: /^Browse with this view/ }).first()).toHaveAttribute("href", /^\/\?view=/);
  await page.goto("/docs/filter-lists");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.close();
});

test("views: a curator's view with a bad line is refused by line, then created, shown and edited by its owner only", async ({ browser }) => {
  const admin = await signedInAdmin(browser);
  const login = uniqueLogin("viewer");
  const { context, page } = await signedIn(browser, login);
  await grantRole(admin.page, login, "curator");
  const plainLogin = uniqueLogin("view-plain");
  const plain = await signedIn(browser, plainLogin);
  await admin.context.close();

  const listSlug = uniqueSlug("vl");
  await createList(page, listSlug, "hide name:fnv # for a view");

  await page.goto("/views");
  await page.getByRole("link", { name: "New view" }).click();
  await expect(page).toHaveURL(/\/views\/new$/);
  const viewSlug = uniqueSlug("view");
  await page.getByLabel("Slug").fill(viewSlug);
  await page.getByLabel("Title").fill(`View ${viewSlug}`);
  await page.getByLabel(/^Lists, in order/).fill(`list:${listSlug}\nnot a list`);
  await page.getByRole("button", { name: "Create view" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText('Lists: Line 2: Write list:<slug> or an https:// address, not "not a list".');
  await expect(page.getByLabel(/^Lists, in order/)).toHaveValue(`list:${listSlug}\nnot a list`);
  await expect(page.getByLabel(/^Lists, in order/)).toHaveAttribute("aria-describedby", /lists-error/);

  await page.getByLabel(/^Lists, in order/).fill(`list:${listSlug}`);
  await page.getByRole("button", { name: "Create view" }).click();
  await expect(page).toHaveURL(new RegExp(`/views/${viewSlug}\\?saved=1$`));
  await expect(page.getByRole("status")).toContainText("View saved.");
  await expect(page.getByRole("region", { name: "Lists, in the order they decide" }).getByRole("link", { name: `E2E ${listSlug}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "Browse with this view" })).toHaveAttribute("href", `/?view=${viewSlug}`);
  await page.getByRole("navigation", { name: "This view" }).getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(new RegExp(`/views/${viewSlug}/edit$`));
  await expect(page.getByLabel(/^Lists, in order/)).toHaveValue(`list:${listSlug}`);
  await page.getByLabel(/^Description/).fill("Hides fnv.");
  await page.getByRole("button", { name: "Save view" }).click();
  await expect(page).toHaveURL(new RegExp(`/views/${viewSlug}\\?saved=1$`));
  await expect(page.getByRole("main")).toContainText("Hides fnv.");

  // The list page says which views use it.
  await page.goto(`/lists/${listSlug}`);
  await expect(page.getByRole("region", { name: "Used by views" }).getByRole("link", { name: `View ${viewSlug}` })).toBeVisible();

  // Someone else: no New view link, the forbidden notice on the forms.
  await plain.page.goto("/views");
  await expect(plain.page.getByRole("link", { name: "New view" })).toHaveCount(0);
  await plain.page.goto("/views/new");
  await expect(plain.page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
  await plain.page.goto(`/views/${viewSlug}/edit`);
  await expect(plain.page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();

  await plain.context.close();
  await context.close();
});
