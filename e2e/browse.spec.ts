import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { INGEST_LOCK_KEY } from "../lib/ingest/ingest-lock";
import { e2eDatabase } from "./e2e-database";

// A visitor's path through the site: search, open a crate, follow a dependency.

test("search, open a crate page, and follow a dependency link", async ({ page }) => {
  await page.goto("/");
  const search = page.getByRole("banner").getByRole("combobox", { name: "Search crates" });
  await search.fill("serde");
  await search.press("Enter");

  await expect(page).toHaveURL(/\/search\?q=serde/);
  const firstResult = page.getByRole("main").getByRole("link", { name: "serde", exact: true }).first();
  await expect(firstResult).toBeVisible();
  await firstResult.click();

  await expect(page).toHaveURL(/\/crates\/serde$/);
  await expect(page.getByRole("heading", { level: 1, name: "serde" })).toBeVisible();
  // Versions, dependencies and dependents of a crate the fixtures know well.
  await expect(page.getByRole("heading", { name: /versions/i }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: /dependents|reverse dependencies|used by/i }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "serde_json", exact: true }).first()).toBeVisible();

  const dependency = page.getByRole("link", { name: "serde_derive", exact: true }).first();
  await expect(dependency).toBeVisible();
  await dependency.click();
  await expect(page).toHaveURL(/\/crates\/serde_derive$/);
  await expect(page.getByRole("heading", { level: 1, name: "serde_derive" })).toBeVisible();
});

test("typo-tolerant search finds tokio from 'toki'", async ({ page }) => {
  await page.goto("/search?q=toki");
  await expect(page.getByRole("main").getByRole("link", { name: "tokio", exact: true }).first()).toBeVisible();
});

test("a search with no match says so and offers a way on", async ({ page }) => {
  await page.goto("/search?q=qqqqzzzzxxxxwwww");
  await expect(page.getByText(/no crates? (match|found)/i).first()).toBeVisible();
  await expect(page.getByRole("main").getByRole("link", { name: /categor/i }).first()).toBeVisible();
});

test("an unknown crate answers a real 404 page", async ({ page }) => {
  const response = await page.goto("/crates/this-crate-does-not-exist-anywhere");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
});

test("categories and keywords list ranked crates", async ({ page }) => {
  await page.goto("/categories");
  const category = page.getByRole("main").getByRole("link", { name: /encoding/i }).first();
  await category.click();
  await expect(page).toHaveURL(/\/categories\/encoding/);
  await expect(page.getByRole("main").getByRole("link", { name: "serde", exact: true }).first()).toBeVisible();

  await page.goto("/crates/tokio");
  await page.getByRole("link", { name: /^#?async$/ }).first().click();
  await expect(page).toHaveURL(/\/keywords\/async/);
  await expect(page.getByRole("main").getByRole("link", { name: "tokio", exact: true }).first()).toBeVisible();
});

for (const path of ["/", "/search?q=http", "/crates/tokio", "/categories", "/status"]) {
  test(`no serious accessibility violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}

test("the crate page fits a phone screen @phone", async ({ page }) => {
  await page.goto("/crates/tokio");
  await expect(page.getByRole("heading", { level: 1, name: "tokio" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("the data status page shows the load this site serves", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "Data status" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Data status" })).toBeVisible();
  await expect(page.getByText(/last loaded on/)).toBeVisible();
  const latest = page.getByRole("region", { name: "Ingest runs" }).getByRole("row").nth(1);
  await expect(latest).toContainText("succeeded");
  await expect(latest).toContainText("index + dump");
  await expect(latest).toContainText("222");

  // A run in progress, as an ingest process records it (lib/ingest/report-progress.ts).
  const db = await e2eDatabase();
  test.skip(!db, "the site runs on the embedded database, where runs record no progress");
  const { rows } = await db!.query<{ id: number }>(
    `INSERT INTO ingest_runs (source, status, progress, progress_at)
     VALUES ('dump:/srv/db-dump.tar.gz', 'running', 'dump: versions: 70 MB/90 MB (77%)', now() AT TIME ZONE 'UTC') RETURNING id`,
  );
  try {
    // No process holds the ingest lock: the run was killed, and the page says so.
    await page.reload();
    await expect(latest).toContainText("running");
    await expect(latest).toContainText("dump");
    await expect(latest).toContainText("so far");
    await expect(latest).toContainText(/No ingest process is running: .* Last seen at [\d-]+ [\d:]+: dump: versions: 70 MB\/90 MB \(77%\)/);
    await expect(page.getByText(/This page updates every/)).toHaveCount(0);
    // While a process holds it (as every ingest does), the page shows where the run is.
    await db!.query("SELECT pg_advisory_lock($1)", [INGEST_LOCK_KEY]);
    await page.reload();
    await expect(latest).toContainText(/dump: versions: 70 MB\/90 MB \(77%\) \(at [\d-]+ [\d:]+; reload to follow it\)/);
    await expect(latest).not.toContainText("No ingest process");
    // The page follows the run by itself, until told to pause.
    await expect(page.getByText("This page updates every 10 s while the run goes on.")).toBeVisible();
    await db!.query(`UPDATE ingest_runs SET progress = 'merge: 2 min 00 s elapsed', progress_at = now() AT TIME ZONE 'UTC' WHERE id = $1`, [rows[0]!.id]);
    await expect(latest).toContainText("merge: 2 min 00 s elapsed", { timeout: 25_000 });
    await page.getByRole("button", { name: "Pause updates" }).click();
    await expect(page.getByText("Updates paused.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Resume updates" })).toBeVisible();
  } finally {
    await db!.query("SELECT pg_advisory_unlock_all()");
    await db!.query("DELETE FROM ingest_runs WHERE id = $1", [rows[0]!.id]);
    await db!.end();
  }
});
