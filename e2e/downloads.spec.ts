import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

// Downloads: the chart on a crate page (server-rendered SVG with a table
// alternative), the trending list, and the JSON series. Trends are computed
// by the demo start-up after it loads the fixtures (scripts/e2e-server.ts).

test("a crate page charts its downloads, with an accessible name and a table of the 90 days", async ({ page }) => {
  await page.goto("/crates/serde");
  const section = page.getByRole("region", { name: "Downloads" });
  await expect(section).toContainText(/[\d,]+ all time · [\d,]+ in the last 90 days/);

  const chart = section.getByRole("img", { name: "Daily downloads of serde, last 90 days" });
  await expect(chart).toBeVisible();
  await expect(chart).toHaveAccessibleDescription(/downloads, [\d,]+ a day on average.*The line is the 7-day average\./);
  await expect(section.getByRole("list", { name: "Legend" }).getByRole("listitem")).not.toHaveCount(0);

  const table = section.getByRole("table", { name: /Daily downloads of serde from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d/ });
  await expect(table).toBeHidden();
  await section.getByText("Downloads as a table").click();
  await expect(table).toBeVisible();
  await expect(table.locator("tbody tr")).toHaveCount(90);
  await expect(table.getByRole("columnheader", { name: "7-day average" })).toBeVisible();
  await expect(table.getByRole("rowheader").first()).toHaveText(/^\d{4}-\d\d-\d\d$/);

  const results = await new AxeBuilder({ page }).include("#downloads").analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("the trending page lists growing crates with their growth, and a crate link works", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("banner").getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Trending" }).click();
  await expect(page).toHaveURL(/\/trending$/);
  await expect(page.getByRole("heading", { level: 1, name: "Trending crates" })).toBeVisible();

  const items = page.getByRole("list", { name: "Trending crates, page 1" }).getByRole("listitem");
  await expect(items.first()).toContainText(/(\+[\d.,]+%|new) · [\d,]+ → [\d,]+ downloads in 28 days/);
  const link = items.first().getByRole("link").first();
  const name = (await link.textContent())!.trim();
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.goto("/trending");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("the home page shows the top trending crates and links to the list", async ({ page }) => {
  await page.goto("/");
  const section = page.getByRole("region", { name: "Trending" });
  const items = section.getByRole("list", { name: "Trending crates" }).getByRole("listitem");
  await expect(items.first()).toBeVisible();
  expect(await items.count()).toBeLessThanOrEqual(5);
  await section.getByRole("link", { name: "See all trending crates" }).click();
  await expect(page).toHaveURL(/\/trending$/);
});

test("GET /api/v1/crates/:name/downloads answers the series as JSON, and 404 for an unknown crate", async ({ request }) => {
  const response = await request.get("/api/v1/crates/serde/downloads");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const body = await response.json();
  expect(body.name).toBe("serde");
  expect(body.days).toHaveLength(90);
  expect(body.total).toHaveLength(90);
  expect(body.average_7).toHaveLength(90);
  expect(body.average_7.slice(0, 6)).toEqual([null, null, null, null, null, null]);
  expect(body.sum_90).toBe(body.total.reduce((a: number, b: number) => a + b, 0));
  expect(body.sum_90).toBeGreaterThan(0);
  expect(body.all_time).toBeGreaterThanOrEqual(body.sum_90);
  expect(body.versions.length).toBeGreaterThan(0);
  expect(body.versions.reduce((a: number, v: { sum: number }) => a + v.sum, 0)).toBe(body.sum_90);

  const missing = await request.get("/api/v1/crates/this-crate-does-not-exist-anywhere/downloads");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error).toMatch(/not found/);
});
