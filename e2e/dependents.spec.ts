import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

// Reverse dependencies on the fixture crates: the dependents page's orders,
// its direct and indirect counts and the adoption of the latest line, and the
// crate page's "Often used together". The figures come from
// crate_dependency_stats, refreshed after the e2e server's ingest.

function dependentsList(page: Page, crate: string) {
  return page.getByRole("list", { name: new RegExp(`^Crates that depend on ${crate}, page \\d+$`) });
}

function listedNames(page: Page, crate: string): Promise<string[]> {
  return dependentsList(page, crate).locator(":scope > li > div:first-child > a").allInnerTexts();
}

const countIn = (text: string, pattern: RegExp) => Number(pattern.exec(text)![1]!.replace(/,/g, ""));

test("the dependents page counts direct and indirect dependents and shows which lines they accept", async ({ page }) => {
  await page.goto("/crates/syn/dependents");
  await expect(page.getByRole("heading", { level: 1, name: "Dependents of syn" })).toBeVisible();
  const summary = page.getByTestId("dependents-summary");
  await expect(summary).toHaveText(/^[\d,]+ direct dependents · [\d,]+ including indirect ones$/);
  const text = (await summary.textContent())!;
  const direct = countIn(text, /^([\d,]+) direct/);
  const indirect = countIn(text, /· ([\d,]+) including/);
  expect(direct).toBeGreaterThan(1);
  expect(indirect).toBeGreaterThan(direct);

  const adoption = page.getByRole("region", { name: "Which versions dependents accept" });
  await expect(adoption.getByTestId("adoption-summary")).toHaveText(/^\d+% of dependents accept the latest line \(2\.x\)\.$/);
  const table = adoption.getByRole("table", { name: /Direct dependents of syn by the release line/ });
  await expect(table.getByRole("columnheader")).toHaveText(["Line", "Dependents", "Share"]);
  await expect(table.getByRole("rowheader", { name: /^2\.x/ })).toContainText("accepts the latest");
  await expect(table.getByRole("rowheader", { name: /^1\.x/ })).toBeVisible();
  // The rows add up to the direct dependents.
  const counts = await table.locator("tbody tr td:first-of-type").allInnerTexts();
  expect(counts.reduce((sum, c) => sum + Number(c.replace(/,/g, "")), 0)).toBe(direct);

  // Each dependent shows its requirement and the line it selects.
  const first = dependentsList(page, "syn").getByRole("listitem").first();
  await expect(first.getByTestId("dependent-line")).toHaveText(/^\(line \d+\.x\)$/);
});

test("sort links change the order, keep it in the URL, and an unknown order falls back with a note", async ({ page }) => {
  await page.goto("/crates/serde/dependents");
  const sortNav = page.getByRole("navigation", { name: "Sort dependents" });
  await expect(sortNav.locator('[aria-current="true"]')).toHaveText("Sorted by All-time downloads");
  const byDownloads = await listedNames(page, "serde");
  expect(byDownloads.length).toBeGreaterThan(10);

  await sortNav.getByRole("link", { name: "Sort by Name" }).click();
  await expect(page).toHaveURL(/\/crates\/serde\/dependents\?sort=name$/);
  await expect(sortNav.locator('[aria-current="true"]')).toHaveText("Sorted by Name");
  const byName = await listedNames(page, "serde");
  expect(byName.map((n) => n.toLowerCase())).toEqual([...byName].map((n) => n.toLowerCase()).sort());
  expect(new Set(byName)).toEqual(new Set(byDownloads));
  expect(byName).not.toEqual(byDownloads);

  await sortNav.getByRole("link", { name: "Sort by Recently updated" }).click();
  await expect(page).toHaveURL(/sort=updated$/);
  await expect(dependentsList(page, "serde").getByRole("listitem").first()).toContainText(/updated/);

  await sortNav.getByRole("link", { name: "Sort by All-time downloads" }).click();
  await expect(page).toHaveURL(/\/crates\/serde\/dependents$/);
  expect(await listedNames(page, "serde")).toEqual(byDownloads);

  // A page past the end keeps the order in its way back.
  await page.goto("/crates/serde/dependents?sort=name&page=9");
  await expect(page.getByRole("link", { name: /Go to the last page/ })).toHaveAttribute("href", "/crates/serde/dependents?sort=name");

  const response = await page.goto("/crates/serde/dependents?sort=popularity");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("note").filter({ hasText: "“popularity” is not a sort order we know" })).toBeVisible();
  expect(await listedNames(page, "serde")).toEqual(byDownloads);
});

test("the sort links are reachable and followed with the keyboard", async ({ page }) => {
  await page.goto("/crates/serde/dependents");
  const target = page.getByRole("navigation", { name: "Sort dependents" }).getByRole("link", { name: "Sort by Recent downloads" });
  await expect(target).toBeVisible();
  let reached = false;
  for (let i = 0; i < 80 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await target.evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/crates\/serde\/dependents\?sort=recent$/);
  await expect(page.getByRole("navigation", { name: "Sort dependents" }).locator('[aria-current="true"]')).toHaveText("Sorted by Recent downloads");
});

test("the crate page shows indirect dependents, the adoption of the latest line and what is often used together", async ({ page }) => {
  await page.goto("/crates/serde");
  const dependents = page.getByRole("region", { name: "Dependents" });
  await expect(dependents.getByTestId("dependents-figures")).toHaveText(
    /^[\d,]+ direct dependents, [\d,]+ including indirect ones \(crates that depend on serde through others\)\. \d+% of dependents accept the latest line \(1\.x\)\.$/,
  );

  const together = page.getByRole("region", { name: "Often used together" });
  await expect(together).toBeVisible();
  await expect(together.getByTestId("used-together-summary")).toHaveText(
    /^Among the [\d,]+ crates that depend on serde, \d+% also depend on [\w-]+\.$/,
  );
  const list = together.getByRole("list", { name: "Crates often used together with serde" });
  const items = list.getByRole("listitem");
  expect(await items.count()).toBeGreaterThan(0);
  expect(await items.count()).toBeLessThanOrEqual(8);
  await expect(items.first()).toContainText(/\d+ of [\d,]+ dependents \(\d+%\), [\d.]+× as often as crates in general/);
  // The section follows Dependents.
  const order = await page.locator("main section[id]").evaluateAll((sections) => sections.map((s) => s.id));
  expect(order.indexOf("used-together")).toBe(order.indexOf("dependents") + 1);

  // A crate nothing here depends on says so.
  await page.goto("/crates/reqwest");
  await expect(page.getByRole("region", { name: "Often used together" }).getByTestId("used-together-empty")).toHaveText(
    "Too few crates depend on reqwest to tell what is used beside it.",
  );
});

test("no serious accessibility violations on a dependents page", async ({ page }) => {
  await page.goto("/crates/syn/dependents");
  await expect(page.getByRole("region", { name: "Which versions dependents accept" })).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});
