import { expect as baseExpect, test, type Page } from "@playwright/test";
import { signedInAdmin } from "./moderation-steps";

// A curated view end to end: a curator (here the admin) writes a list that
// hides a crate and makes a view of it; a visitor who picks that view no
// longer finds the crate in search (the page says how many it hid and can
// show them, marked, with the rule), its own page stays reachable with a
// banner naming the list and line, a shared link keeps the view, and another
// visitor on the default view still finds it. The JSON API does the same with
// `view=`.

test.describe.configure({ timeout: 300_000 });
// Saving a list and creating a view evaluate every crate: give them time on a loaded machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const CRATE = "memchr";

function stamp(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}


async function searchResultLinks(page: Page): Promise<string[]> {
  return page
    .getByRole("list", { name: /^Search results for / })
    .locator(":scope > li > div:first-child > a")
    .allInnerTexts();
}

test("a visitor who picks a curator's view no longer finds the crate it hides; the crate page says which rule hid it; others still find it", async ({
  browser,
  request,
}) => {
  const id = stamp();
  const listSlug = `e2e-hide-${id}`;
  const viewSlug = `e2e-view-${id}`;
  const viewTitle = `E2E view ${id}`;

  // The curator writes the list and the view.
  const admin = await signedInAdmin(browser);
  await admin.page.goto("/lists/new");
  await admin.page.getByLabel("Slug").fill(listSlug);
  await admin.page.getByLabel("Title").fill(`Hide ${CRATE} (${id})`);
  await admin.page.locator("#body").fill(`hide name:${CRATE} # hidden by the views spec`);
  await admin.page.getByLabel("Message for the history").fill("First version");
  await admin.page.getByRole("button", { name: "Create list" }).click();
  await expect(admin.page).toHaveURL(new RegExp(`/lists/${listSlug}\\?created=1$`));

  await admin.page.goto("/views/new");
  await admin.page.getByLabel("Slug").fill(viewSlug);
  await admin.page.getByLabel("Title").fill(viewTitle);
  await admin.page.getByLabel("Lists, in order").fill(`list:${listSlug}`);
  await admin.page.getByRole("button", { name: "Create view" }).click();
  await expect(admin.page).toHaveURL(new RegExp(`/views/${viewSlug}`));
  await admin.context.close();

  // A visitor finds the crate with the default view...
  const visitor = await browser.newContext();
  const page = await visitor.newPage();
  await page.goto(`/search?q=${CRATE}`);
  expect(await searchResultLinks(page)).toContain(CRATE);

  // ...picks the curator's view in the header, and no longer does.
  await page.getByRole("combobox", { name: "View" }).selectOption({ label: viewTitle });
  await page.getByRole("button", { name: "Use" }).click();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${CRATE}&view=${viewSlug}$`));
  expect(await searchResultLinks(page)).not.toContain(CRATE);
  const note = page.getByRole("note").filter({ hasText: `1 crate hidden by the ${viewTitle} view` });
  await expect(note).toBeVisible();

  // Shown on request, marked, with the list and line that hid it.
  await note.getByRole("link", { name: "Show it" }).click();
  await expect(page).toHaveURL(/hidden=show/);
  const hiddenHit = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: CRATE, exact: true }) }).first();
  await expect(hiddenHit).toContainText("hidden by this view");
  await expect(hiddenHit.getByRole("link", { name: `${listSlug}, line 1` })).toHaveAttribute("href", `/lists/${listSlug}#L1`);

  // The choice is remembered: a plain search (no view in the URL) still leaves it out.
  await page.goto(`/search?q=${CRATE}`);
  expect(await searchResultLinks(page)).not.toContain(CRATE);
  await expect(page.getByRole("combobox", { name: "View" })).toHaveValue(viewSlug);

  // The crate's own page stays reachable and names the rule.
  await page.goto(`/crates/${CRATE}`);
  const banner = page.getByRole("region", { name: `What the ${viewTitle} view says about ${CRATE}` });
  await expect(banner).toContainText(`The ${viewTitle} view hides this crate from lists and search`);
  await expect(banner.getByRole("link", { name: `${listSlug}, line 1` })).toHaveAttribute("href", `/lists/${listSlug}#L1`);
  await expect(banner).toContainText(`hide name:${CRATE} # hidden by the views spec`);

  // Back to the default view: found again.
  await page.goto(`/search?q=${CRATE}&view=${viewSlug}`);
  await page.getByRole("combobox", { name: "View" }).selectOption({ label: "Default" });
  await page.getByRole("button", { name: "Use" }).click();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${CRATE}$`));
  expect(await searchResultLinks(page)).toContain(CRATE);
  await visitor.close();

  // A shared link keeps the view for someone who never chose it; without it, another visitor finds the crate.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(`/search?q=${CRATE}&view=${viewSlug}`);
  expect(await searchResultLinks(otherPage)).not.toContain(CRATE);
  await otherPage.goto(`/search?q=${CRATE}`);
  expect(await searchResultLinks(otherPage)).toContain(CRATE);
  await expect(otherPage.getByRole("link", { name: "Show it" })).toHaveCount(0);
  await other.close();

  // The JSON API: the default view unless `view=` names another; an unknown view is a 400.
  const inView = await request.get(`/api/v1/search?q=${CRATE}&view=${viewSlug}`);
  expect(inView.status()).toBe(200);
  const viewed = (await inView.json()) as { view: { slug: string }; hidden: number; results: { name: string }[] };
  expect(viewed.view.slug).toBe(viewSlug);
  expect(viewed.hidden).toBe(1);
  expect(viewed.results.map((r) => r.name)).not.toContain(CRATE);
  const shown = (await (await request.get(`/api/v1/search?q=${CRATE}&view=${viewSlug}&hidden=show`)).json()) as {
    results: { name: string; curation: { action: string; decided_by: { list: string; line: number } } | null }[];
  };
  expect(shown.results.find((r) => r.name === CRATE)?.curation).toMatchObject({ action: "hide", decided_by: { list: listSlug, line: 1 } });
  const plain = (await (await request.get(`/api/v1/search?q=${CRATE}`)).json()) as { view: { slug: string }; results: { name: string }[] };
  expect(plain.view.slug).toBe("default");
  expect(plain.results.map((r) => r.name)).toContain(CRATE);
  const unknown = await request.get(`/api/v1/search?q=${CRATE}&view=no-such-view`);
  expect(unknown.status()).toBe(400);
  expect(((await unknown.json()) as { error: string }).error).toContain('unknown view "no-such-view"');
});

test("the default view hides the registry's placeholder crates from search, and their pages say why", async ({ page, request }) => {
  // "cratesio-placeholder-package" is a real placeholder in the fixtures: the built-in heuristics list hides it.
  const name = "cratesio-placeholder-package";
  const api = (await (await request.get(`/api/v1/search?q=${name}&hidden=show`)).json()) as {
    hidden: number;
    results: { name: string; curation: { action: string | null; decided_by: { list: string; line: number } | null } | null }[];
  };
  expect(api.hidden).toBeGreaterThan(0);
  expect(api.results.find((r) => r.name === name)?.curation).toMatchObject({ action: "hide", decided_by: { list: "heuristics" } });
  const hiddenByDefault = (await (await request.get(`/api/v1/search?q=${name}`)).json()) as { results: { name: string }[] };
  expect(hiddenByDefault.results.map((r) => r.name)).not.toContain(name);
  const everything = (await (await request.get(`/api/v1/search?q=${name}&view=everything`)).json()) as { hidden: number; results: { name: string }[] };
  expect(everything.hidden).toBe(0);
  expect(everything.results.map((r) => r.name)).toContain(name);

  await page.goto(`/crates/${name}`);
  const banner = page.getByRole("region", { name: `What the Default view says about ${name}` });
  await expect(banner).toContainText("The Default view hides this crate from lists and search");
  // The rule that hid it, and the label the same list gives it, each linked to its line.
  await expect(banner.getByRole("link", { name: /^heuristics, line \d+$/ })).toHaveCount(2);
  await expect(banner).toContainText("hide heuristic:placeholder");
  await expect(banner).toContainText("Labelled placeholder by heuristics");
});
