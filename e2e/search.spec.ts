import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import type pg from "pg";
import { SUGGEST_DEBOUNCE_MS } from "../components/search/suggest-debounce";
import { e2eDatabase } from "./e2e-database";

// The search page (sort, facets, filters, pagination, "why this rank", empty
// states) and the header's instant search, on the ~222 real fixture crates.

/** The number in the results line: "15 crates match, best match first." */
async function matchCount(page: Page): Promise<number> {
  const lead = await page.getByText(/^[\d,]+ crates? match/).textContent();
  return Number(lead!.match(/^([\d,]+)/)![1]!.replace(/,/g, ""));
}

/** All-time download counts of the listed hits, in list order (from their exact `title`). */
async function listedDownloads(page: Page): Promise<number[]> {
  const titles = await page
    .getByRole("main")
    .locator('ol li span[title$=" downloads"]')
    .evaluateAll((spans) => spans.map((s) => s.getAttribute("title") ?? ""));
  return titles.map((t) => Number(t.replace(/ downloads$/, "").replace(/,/g, "")));
}

function resultNames(page: Page) {
  return page.getByRole("main").locator("ol > li > div:first-child > a").allInnerTexts();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search, sort, filter by a facet, remove the filter and paginate, all through links and forms", async ({ page }) => {
    test.slow(); // a dozen page loads
    await page.goto("/");
    const headerBox = page.getByRole("banner").getByRole("combobox", { name: "Search crates" });
    await headerBox.fill("http client");
    await headerBox.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=http\+client$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “http client”");
    const total = await matchCount(page);
    expect(total).toBeGreaterThan(3);
    // Query words are marked in names and descriptions.
    await expect(page.getByRole("main").locator("ol mark", { hasText: /^http$/i }).first()).toBeVisible();

    // Sort: a plain link that keeps the query; the current order is marked, not linked.
    const sortNav = page.getByRole("navigation", { name: "Sort results" });
    await expect(sortNav.locator('[aria-current="true"]')).toHaveText("Sorted by Relevance");
    const relevanceOrder = await resultNames(page);
    await sortNav.getByRole("link", { name: "Sort by All-time downloads" }).click();
    await expect(page).toHaveURL(/\/search\?q=http\+client&sort=downloads$/);
    await expect(sortNav.locator('[aria-current="true"]')).toHaveText("Sorted by All-time downloads");
    expect(await matchCount(page)).toBe(total);
    const downloads = await listedDownloads(page);
    expect(downloads.length).toBeGreaterThan(3);
    expect(downloads).toEqual([...downloads].sort((a, b) => b - a));
    expect(await resultNames(page)).not.toEqual(relevanceOrder);

    // Facet: the MIT license, with its count; the filter keeps query and sort, and the count is right.
    const facets = page.getByRole("complementary", { name: "Narrow the results" });
    const licenses = facets.getByRole("region", { name: "Licenses" });
    await expect(licenses.getByRole("link").nth(1)).toBeVisible(); // more than one license before filtering
    const mit = licenses.getByRole("link", { name: /^MIT \d+ crates?$/ });
    const mitCount = Number((await mit.textContent())!.match(/(\d+)/)![1]);
    expect(mitCount).toBeLessThan(total);
    await mit.click();
    await expect(page).toHaveURL(/\/search\?q=http\+client&sort=downloads&license=MIT$/);
    expect(await matchCount(page)).toBe(mitCount);
    await expect(page.getByText(/crates? match with these filters, most downloaded first/)).toBeVisible();
    // Only MIT is left in the license facet, marked as the active filter.
    await expect(licenses.getByRole("link")).toHaveCount(1);
    await expect(licenses.getByRole("link")).toHaveAttribute("aria-current", "true");

    // The chip removes the filter and keeps the rest.
    const chip = page.getByRole("link", { name: "Remove filter license: MIT" });
    await expect(chip).toHaveText("×license: MIT");
    await chip.click();
    await expect(page).toHaveURL(/\/search\?q=http\+client&sort=downloads$/);
    expect(await matchCount(page)).toBe(total);
    await expect(page.getByRole("link", { name: /^Remove filter/ })).toHaveCount(0);

    // A category facet shows its name on the chip, and the URL holds its slug.
    await facets.getByRole("region", { name: "Categories" }).getByRole("link").first().click();
    await expect(page).toHaveURL(/&category=[a-z-]+/);
    await expect(page.getByRole("link", { name: /^Remove filter category: [A-Z]/ })).toBeVisible();

    // Pagination keeps the query and the sort.
    const pageBox = page.getByRole("main").getByRole("combobox", { name: "Search crates" });
    await pageBox.fill("async");
    await pageBox.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=async$/);
    expect(await matchCount(page)).toBeGreaterThan(20);
    await page.getByRole("navigation", { name: "Sort results" }).getByRole("link", { name: "Sort by All-time downloads" }).click();
    const firstPage = await resultNames(page);
    const firstPageDownloads = await listedDownloads(page);
    const pager = page.getByRole("navigation", { name: "Search result pages" });
    await expect(pager).toContainText("Page 1 of 2");
    await pager.getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/\/search\?q=async&sort=downloads&page=2$/);
    await expect(pager).toContainText("Page 2 of 2");
    await expect(page.getByRole("list", { name: "Search results for async" })).toHaveAttribute("start", "21");
    const secondPage = await resultNames(page);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);
    // Still in download order across the page break.
    expect(Math.max(...(await listedDownloads(page)))).toBeLessThanOrEqual(Math.min(...firstPageDownloads));
    await pager.getByRole("link", { name: "Previous" }).click();
    await expect(page).toHaveURL(/\/search\?q=async&sort=downloads$/);
  });

  test("a typo that finds nothing offers a 'Did you mean' link that finds crates", async ({ page }) => {
    await page.goto("/search?q=reqwset+clinet");
    await expect(page.getByRole("heading", { name: "No crates match “reqwset clinet”" })).toBeVisible();
    const suggestion = page.getByRole("main").getByText("Did you mean").getByRole("link");
    const corrected = (await suggestion.textContent())!;
    expect(corrected).toMatch(/reqwest/);
    await suggestion.click();
    await expect(page).toHaveURL(`/search?q=${encodeURIComponent(corrected).replace(/%20/g, "+")}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Results for “${corrected}”`);
    expect(await matchCount(page)).toBeGreaterThan(0);
    await expect(page.getByRole("main").getByRole("link", { name: "reqwest", exact: true })).toBeVisible();
  });

  test("filters that exclude everything offer to search without them", async ({ page }) => {
    await page.goto("/search?q=serde&license=No-Such-License");
    await expect(page.getByRole("heading", { name: "No crates match “serde” with these filters" })).toBeVisible();
    await expect(page.getByText("Did you mean")).toHaveCount(0);
    await page.getByRole("link", { name: "Search all crates for “serde”" }).click();
    await expect(page).toHaveURL(/\/search\?q=serde$/);
    await expect(page.getByRole("main").getByRole("link", { name: "serde", exact: true })).toBeVisible();
  });

  test("a project's main crate comes before its parts, and 'why this rank' names the part it ranks with", async ({ page }) => {
    await page.goto("/search?q=command+line+argument+parser");
    const hits = page.getByRole("main").locator("ol > li");
    const names = await hits.evaluateAll((items) => items.map((li) => li.querySelector("a")?.textContent ?? ""));
    const first = hits.first();
    await expect(first.getByRole("link", { name: "clap", exact: true })).toBeVisible();
    await first.locator("summary", { hasText: "Why this rank" }).click();
    const note = first.getByText(/^Ranked with its part clap_(builder|lex) \(same repository, a name that extends this one\): \d\.\d\d, that part's relevance\.$/);
    await expect(note).toBeVisible();
    const part = (await note.getByRole("link").textContent())!;
    // The part keeps its own place, after the main crate.
    expect(names.indexOf(part)).toBeGreaterThan(0);
    await note.getByRole("link", { name: part, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/crates/${part}$`));
  });

  test("'why this rank' opens and shows the parts of the score, and links to how ranking works", async ({ page }) => {
    await page.goto("/search?q=tokio");
    const hit = page.getByRole("main").locator("ol > li").first();
    await expect(hit.getByRole("link", { name: "tokio", exact: true })).toBeVisible();
    const parts = hit.getByRole("table");
    await expect(parts).toBeHidden();
    await hit.locator("summary", { hasText: "Why this rank" }).click();
    await expect(parts).toBeVisible();
    await expect(hit.getByText("Exact name match: yes.")).toBeVisible();
    await expect(hit.getByText(/^Text match: \d\.\d\d/)).toBeVisible();
    const weights: [part: string, weight: string][] = [
      ["Crates that depend on it", "40%"],
      ["All-time downloads", "25%"],
      ["Downloads in the last 90 days", "20%"],
      ["Freshness (last update)", "15%"],
    ];
    for (const [part, weight] of weights) {
      await expect(parts.getByRole("row", { name: new RegExp(`^${part.replace(/[()]/g, "\\$&")} \\d\\.\\d\\d ${weight} \\d\\.\\d\\d$`) })).toBeVisible();
    }
    // The quality shown is the sum of what the parts add (up to rounding).
    const quality = Number((await hit.getByText(/^Quality: /).textContent())!.match(/(\d\.\d\d)/)![1]);
    const adds = await parts.locator("tbody tr td:last-child").allTextContents();
    expect(adds).toHaveLength(4);
    expect(Math.abs(adds.reduce((sum, a) => sum + Number(a), 0) - quality)).toBeLessThanOrEqual(0.02);
    expect(quality).toBeGreaterThan(0);
    // Other specs may review tokio: then its rating factor joins the product.
    await expect(hit.getByText(/^Rating: /)).toBeVisible();
    const relevance = hit.getByText(/^Relevance: \d\.\d\d × (\d\.\d\d|\(\d\.\d\d × \d\.\d{3}\))² = \d\.\d\d/);
    await expect(relevance).toBeVisible();
    // Text × (quality × G)², as the docs say, up to the rounding of what is shown.
    const [text, shownQuality, g, result] = (await relevance.textContent())!
      .match(/^Relevance: (\d\.\d\d) × \(?(\d\.\d\d)(?: × (\d\.\d{3}))?\)?² = (\d\.\d\d)/)!
      .slice(1)
      .map((n) => (n === undefined ? 1 : Number(n)));
    expect(shownQuality).toBeCloseTo(quality, 2);
    expect(Math.abs(text! * (shownQuality! * g!) ** 2 - result!)).toBeLessThanOrEqual(0.02 * Math.max(1, text!));

    await hit.getByRole("link", { name: "How ranking works" }).click();
    await expect(page).toHaveURL(/\/docs\/ranking$/);
    await expect(page.getByRole("heading", { level: 1, name: "How search ranks crates" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Ranking formula" })).toContainText("0.25·D + 0.2·R + 0.4·P + 0.15·F");
  });

  test("hostile or broken URLs answer 200 with a page, never an error", async ({ page }) => {
    const cases: [query: string, expectText: RegExp][] = [
      ["q=%00", /Search crates/],
      ["q=%00serde%00", /Results for “serde”/],
      [`q=${encodeURIComponent("& | ! :* ( ) <-> \\ ' \"")}`, /Results for/],
      [`q=${encodeURIComponent("foo:* & !bar | (baz <-> qux)")}`, /Results for/],
      [`q=${"x".repeat(10_000)}`, /Results for “x{200}”/],
      [`q=${encodeURIComponent("\u202e\u200f🦀")}`, /Results for/],
      ["q=%ED%A0%80", /Results for/],
      ["q=serde&page=abc", /Results for “serde”/],
      ["q=serde&category=%00&keyword=%27%3B--", /not a valid value and was ignored/],
      [`q=serde&license=${"L".repeat(5000)}`, /not a valid value and was ignored/],
    ];
    for (const [query, expectText] of cases) {
      const response = await page.goto(`/search?${query}`);
      expect(response?.status(), query.slice(0, 60)).toBe(200);
      await expect(page.getByRole("main"), query.slice(0, 60)).toContainText(expectText);
      await expect(page.getByText("Something went wrong")).toHaveCount(0);
    }
  });

  test("an unknown sort order or a page past the end is explained, not an error", async ({ page }) => {
    let response = await page.goto("/search?q=serde&sort=bogus");
    expect(response?.status()).toBe(200);
    await expect(page.getByRole("note")).toContainText("“bogus” is not a sort order we know, so the results are sorted by relevance.");
    await expect(page.getByRole("navigation", { name: "Sort results" }).locator('[aria-current="true"]')).toHaveText("Sorted by Relevance");
    expect((await resultNames(page))[0]).toBe("serde");

    response = await page.goto("/search?q=serde&sort=downloads&page=99999");
    expect(response?.status()).toBe(200);
    await expect(page.getByText("There is no page 99999.")).toBeVisible();
    await page.getByRole("link", { name: /Go to the last page/ }).click();
    await expect(page).toHaveURL(/\/search\?q=serde&sort=downloads$/);
    await expect(page.getByRole("main").getByRole("link", { name: "serde", exact: true })).toBeVisible();
  });
});

// The six crates with the keyword "color", which no other spec reviews, so
// that other specs' ratings (the database is shared) cannot change what these
// tests see. The rows are what lib/reviews would write to crate_ratings;
// anstyle-parse and anstyle-query stay unrated.
const E2E_RATINGS: [crate: string, criterion: string, score: number, count: number][] = [
  ["anstyle", "overall", 4.7, 9],
  ["anstyle", "documentation", 4.6, 9],
  ["termcolor", "documentation", 4.3, 4],
  ["anstream", "overall", 4.1, 5],
  ["anstream", "documentation", 3.5, 5],
  ["colorchoice", "overall", 1.8, 6],
];

test.describe("ratings in search, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  // One worker for both tests: with the project's fully parallel runs, each
  // worker would run its own afterAll and delete the ratings under the other.
  test.describe.configure({ mode: "serial" });
  let db: pg.Client | null = null;

  test.beforeAll(async () => {
    db = await e2eDatabase();
    if (!db) return;
    for (const [crate, criterion, score, count] of E2E_RATINGS) {
      await db.query(
        `INSERT INTO crate_ratings (crate_name, criterion, count, mean, score, histogram) VALUES ($1, $2, $3, $4, $4, '{0,0,0,0,0}')
         ON CONFLICT (crate_name, criterion) DO UPDATE SET count = EXCLUDED.count, mean = EXCLUDED.mean, score = EXCLUDED.score`,
        [crate, criterion, count, score],
      );
    }
  });
  test.afterAll(async () => {
    if (!db) return;
    await db.query(`DELETE FROM crate_ratings WHERE crate_name = ANY($1::text[])`, [[...new Set(E2E_RATINGS.map(([crate]) => crate))]]);
    await db.end();
  });

  test("a minimum rating narrows the results; the chip removes it; rating sorts put the best rated first", async ({ page }) => {
    test.skip(!db, "the site runs on the embedded database, which this test cannot write ratings into");
    test.slow();
    await page.goto("/search?keyword=color&sort=newest");
    expect(await matchCount(page)).toBe(6);

    // The Rating block: a plain form; criteria left at "Any" do not stay in the URL.
    const rating = page.getByRole("complementary", { name: "Narrow the results" }).getByRole("region", { name: "Rating" });
    await rating.getByLabel("Documentation").selectOption("4");
    await rating.getByRole("button", { name: "Apply ratings" }).click();
    await expect(page).toHaveURL(/\/search\?sort=newest&keyword=color&min_documentation=4$/);
    expect(await matchCount(page)).toBe(2);
    await expect(page.getByText(/^2 crates match with these filters, newest first/)).toBeVisible();
    expect((await resultNames(page)).sort()).toEqual(["anstyle", "termcolor"]);
    await expect(rating.getByLabel("Documentation")).toHaveValue("4");
    // Each hit shows the rating it was filtered by, and its overall rating when it has one.
    const anstyle = page.getByRole("main").locator("ol > li", { has: page.getByRole("link", { name: "anstyle", exact: true }) });
    await expect(anstyle).toContainText("Rated 4.7 out of 5 (9 reviews)");
    await expect(anstyle).toContainText("Documentation 4.6 out of 5 (9 reviews)");

    // Highest rated, keeping the filter: anstyle (rated overall) before termcolor (not rated overall).
    const sortNav = page.getByRole("navigation", { name: "Sort results" });
    await sortNav.getByRole("link", { name: "Sort by Highest rated" }).click();
    await expect(page).toHaveURL(/\/search\?sort=rating&keyword=color&min_documentation=4$/);
    expect(await resultNames(page)).toEqual(["anstyle", "termcolor"]);

    // The chip removes the filter and keeps the sort and the keyword.
    const chip = page.getByRole("link", { name: "Remove filter Documentation rating: at least 4" });
    await expect(chip).toHaveText("×Documentation rating: 4+");
    await chip.click();
    await expect(page).toHaveURL(/\/search\?sort=rating&keyword=color$/);
    expect(await matchCount(page)).toBe(6);
    await expect(page.getByText(/^6 crates match with these filters, highest rated first, unrated crates last/)).toBeVisible();
    const byOverall = await resultNames(page);
    expect(byOverall.slice(0, 3)).toEqual(["anstyle", "anstream", "colorchoice"]);
    expect(byOverall.slice(3).sort()).toEqual(["anstyle-parse", "anstyle-query", "termcolor"]);

    // One criterion's sort, from the "Rated for…" disclosure.
    await sortNav.locator("summary", { hasText: "Rated for…" }).click();
    await sortNav.getByRole("link", { name: "Sort by rating for Documentation" }).click();
    await expect(page).toHaveURL(/\/search\?sort=rating-documentation&keyword=color$/);
    await expect(sortNav.locator('[aria-current="true"]')).toHaveText("Sorted by Highest rated: Documentation");
    expect((await resultNames(page)).slice(0, 3)).toEqual(["anstyle", "termcolor", "anstream"]);
  });

  test("the rank explains the rating factor; a bad rating filter in a link is ignored with a note; the API refuses it", async ({ page, request }) => {
    test.skip(!db, "the site runs on the embedded database, which this test cannot write ratings into");
    await page.goto("/search?q=anstyle&min_overall=9&min_docs=4");
    await expect(page.getByRole("main")).toContainText("The overall rating filter in this link must be a whole number from 1 to 5");
    await expect(page.getByRole("main")).toContainText("“min_docs” is not a rating we know");
    // anstyle's rank explains the rating factor: 0.9 + 0.05 × (4.7 − 1).
    const hit = page.getByRole("main").locator("ol > li", { has: page.getByRole("link", { name: "anstyle", exact: true }) });
    await hit.locator("summary", { hasText: "Why this rank" }).click();
    await expect(hit.getByText(/^Rating: 4\.7 out of 5 from 9 reviews: quality is multiplied by 1\.085/)).toBeVisible();
    await expect(hit.getByText(/^Relevance: \d\.\d\d × \(\d\.\d\d × 1\.085\)² = \d\.\d\d/)).toBeVisible();

    let response = await request.get("/api/v1/search?min_documentation=4.5");
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toBe("min_documentation must be a whole number from 1 to 5");
    response = await request.get("/api/v1/search?min_docs=4");
    expect(response.status()).toBe(400);
    expect((await response.json()).error).toMatch(/^unknown rating criterion "min_docs"/);

    response = await request.get("/api/v1/search?keyword=color&min_documentation=4&sort=rating-documentation");
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { total: number; results: { name: string; ratings: Record<string, { score: number; count: number }> }[] };
    expect(body.total).toBe(2);
    expect(body.results.map((r) => r.name)).toEqual(["anstyle", "termcolor"]);
    expect(body.results[0]!.ratings).toEqual({ overall: { score: 4.7, count: 9 }, documentation: { score: 4.6, count: 9 } });
    expect(body.results[1]!.ratings).toEqual({ documentation: { score: 4.3, count: 4 } });
  });
});

test.describe("instant search", () => {
  async function headerBox(page: Page) {
    await page.goto("/");
    // Suggestions need the page's JavaScript running.
    await page.waitForLoadState("networkidle");
    return page.getByRole("banner").getByRole("combobox", { name: "Search crates" });
  }

  function suggestions(page: Page) {
    return page.getByRole("banner").getByRole("listbox", { name: "Suggested crates" });
  }

  function suggestionNames(page: Page) {
    return suggestions(page).getByRole("option").locator("span > span:first-child").allInnerTexts();
  }

  test("suggests crates as you type; ArrowDown and Enter open the chosen crate", async ({ page }) => {
    const box = await headerBox(page);
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await box.pressSequentially("serd");
    const list = suggestions(page);
    await expect(list.getByRole("option").first()).toBeVisible();
    await expect(box).toHaveAttribute("aria-expanded", "true");
    await expect(box).toHaveAttribute("aria-controls", (await list.getAttribute("id"))!);
    const names = await suggestionNames(page);
    expect(names).toContain("serde");
    expect(names.length).toBeLessThanOrEqual(8);
    // The typed text is marked in the suggestions.
    await expect(list.locator("mark").first()).toHaveText(/^serd$/i);

    await box.press("ArrowDown");
    const first = list.getByRole("option").first();
    await expect(first).toHaveAttribute("aria-selected", "true");
    await expect(box).toHaveAttribute("aria-activedescendant", (await first.getAttribute("id"))!);
    await box.press("ArrowDown");
    await expect(first).toHaveAttribute("aria-selected", "false");
    await box.press("ArrowUp");
    await expect(first).toHaveAttribute("aria-selected", "true");
    await box.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/crates/${names[0]}$`));
    await expect(page.getByRole("heading", { level: 1, name: names[0] })).toBeVisible();
    await expect(list).toBeHidden();
  });

  test("Enter without a chosen suggestion submits the search; clicking a suggestion opens it", async ({ page }) => {
    const box = await headerBox(page);
    await box.pressSequentially("reqw");
    await expect(suggestions(page).getByRole("option", { name: /^reqwest/ })).toBeVisible();
    await box.press("Enter");
    await expect(page).toHaveURL(/\/search\?q=reqw$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “reqw”");

    await page.waitForLoadState("networkidle");
    const again = page.getByRole("banner").getByRole("combobox", { name: "Search crates" });
    await again.pressSequentially("serd");
    await suggestions(page).getByRole("option", { name: /^serde_json / }).click();
    await expect(page).toHaveURL(/\/crates\/serde_json$/);
    await expect(page.getByRole("heading", { level: 1, name: "serde_json" })).toBeVisible();
  });

  test("typing fast shows only the last text's suggestions", async ({ page }) => {
    const box = await headerBox(page);
    await box.pressSequentially("serde_json", { delay: 20 });
    // The list may pass through earlier texts' suggestions ("serde" first for
    // "serde_"); it must settle on the last text's, with nothing loading.
    await expect.poll(async () => (await suggestionNames(page))[0]).toBe("serde_json");
    await expect(page.getByRole("banner").getByRole("status")).toHaveText("");
    expect((await suggestionNames(page))[0]).toBe("serde_json");
    // Marked as the search splits it: two words.
    await expect(suggestions(page).getByRole("option").first().locator("mark")).toHaveText(["serde", "json"]);
  });

  test("keystrokes closer than the debounce ask the server once, for the last text", async ({ page }) => {
    const box = await headerBox(page);
    const asked: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/v1/search")) asked.push(new URL(request.url()).searchParams.get("q") ?? "");
    });
    // Ten input events 20 ms apart, dispatched inside the page so that the
    // test machine's own latency cannot stretch the gaps past the debounce.
    // Each event's start is recorded: on a starved machine React's render of
    // one keystroke can outlast the debounce, and that text may then rightly be asked.
    const text = "serde_json";
    const starts = await box.evaluate(async (input: HTMLInputElement, text) => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!;
      const starts: number[] = [];
      for (let i = 1; i <= text.length; i++) {
        starts.push(performance.now());
        setValue.call(input, text.slice(0, i));
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return starts;
    }, text);
    await expect.poll(() => suggestionNames(page)).toContain("serde_json");
    await page.waitForTimeout(500);
    // A text may be asked only when the next keystroke came a debounce later
    // (10 ms either way for where the handler sets its timer), and even then
    // the next keystroke may abort it before it leaves; the last text is asked once, last.
    const texts = starts.map((_, i) => text.slice(0, i + 1));
    const gapAfter = (i: number) => (i + 1 < starts.length ? starts[i + 1]! - starts[i]! : Infinity);
    const mayAsk = texts.filter((_, i) => gapAfter(i) >= SUGGEST_DEBOUNCE_MS - 10);
    if (mayAsk.length > 1) {
      test.info().annotations.push({ type: "slow machine", description: `gaps between keystrokes ${starts.map((_, i) => Math.round(gapAfter(i)))} ms` });
    }
    expect(asked.at(-1)).toBe(text);
    expect(new Set(asked).size, `asked ${asked}`).toBe(asked.length);
    expect(asked.filter((q) => !mayAsk.includes(q)), "asked within the debounce of the next keystroke").toEqual([]);
  });

  test("a slow answer to an older query is cancelled and never replaces the newer one", async ({ page }) => {
    const box = await headerBox(page);
    await page.route("**/api/v1/search?*", async (route) => {
      if (new URL(route.request().url()).searchParams.get("q") === "tokio") {
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      // The page may have cancelled the request meanwhile.
      await route.continue().catch(() => undefined);
    });
    const cancelled: string[] = [];
    page.on("requestfailed", (request) => {
      if (request.url().includes("q=tokio")) cancelled.push(request.failure()?.errorText ?? "");
    });

    const tokioSent = page.waitForRequest((request) => request.url().includes("q=tokio"));
    await box.pressSequentially("tokio");
    await expect(page.getByRole("banner").getByRole("status")).toHaveText("Searching…");
    // The tokio request is on its way (waited for, not timed: a busy machine may send it late).
    await tokioSent;
    await box.fill("hyper");
    await expect.poll(() => suggestionNames(page)).toContain("hyper");
    await page.waitForTimeout(1800); // longer than the tokio answer takes
    const names = await suggestionNames(page);
    expect(names[0]).toBe("hyper");
    expect(names).not.toContain("tokio");
    expect(cancelled).toEqual(["net::ERR_ABORTED"]);
  });

  test("Escape closes the suggestions and keeps the text; no match says so", async ({ page }) => {
    const box = await headerBox(page);
    await box.pressSequentially("tokio");
    const list = suggestions(page);
    await expect(list.getByRole("option").first()).toBeVisible();
    await box.press("Escape");
    await expect(list).toBeHidden();
    await expect(box).toHaveAttribute("aria-expanded", "false");
    await expect(box).toHaveValue("tokio");
    await box.press("ArrowDown");
    await expect(list).toBeVisible();
    await expect(list.getByRole("option").first()).toHaveAttribute("aria-selected", "true");

    await box.fill("qqqqzzzzxxxxwwww");
    await expect(page.getByRole("banner").getByRole("status")).toHaveText("No crates match “qqqqzzzzxxxxwwww”");
    await expect(list.getByRole("option")).toHaveCount(0);
  });

  test("no serious accessibility violations with facets and open suggestions", async ({ page }) => {
    await page.goto("/search?q=http+client&license=MIT");
    await page.waitForLoadState("networkidle");
    await page.getByRole("main").locator("summary").first().click();
    await page.getByRole("banner").getByRole("combobox", { name: "Search crates" }).pressSequentially("serd");
    await expect(suggestions(page).getByRole("option").first()).toBeVisible();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
});

test("the search page, its facets and a very long query fit a phone screen @phone", async ({ page }) => {
  for (const path of ["/search?q=http+client&license=MIT", `/search?q=${"x".repeat(300)}`, "/docs/ranking"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path.slice(0, 40)).toBeLessThanOrEqual(0);
  }
  await page.goto("/search?q=http+client&license=MIT");
  await expect(page.getByRole("complementary", { name: "Narrow the results" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Remove filter license: MIT" })).toBeVisible();
});
