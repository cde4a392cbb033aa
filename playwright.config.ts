import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3200);

// Debian's Chromium (apt-get install chromium); Playwright's own browser
// download cannot work on our machines. The networking flags stop Chromium
// from flooding the closed network with background requests.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Server actions and sign-in round trips on a loaded 2-core CI machine can
  // take several seconds; assertions wait up to 15 s before they fail.
  expect: { timeout: 15_000 },
  // Flows with two or three signed-in users take longer than the default 30 s there (up to 2 min seen at a load average of 30).
  timeout: 180_000,
  workers: 2,
  reporter: process.env.CI ? "line" : "list",
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, grepInvert: /@phone/ },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, grep: /@phone/ },
  ],
  webServer: {
    command: "node --import tsx scripts/e2e-server.ts",
    url: `http://localhost:${port}/api/v1/health`,
    // Long enough to wait for another run holding the e2e lock (scripts/e2e-server.ts).
    timeout: 1_200_000,
    reuseExistingServer: false,
    stdout: "pipe",
  },
});
