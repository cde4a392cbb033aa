import { defineConfig } from "vitest/config";

// Unit tests (`*.test.ts`) and database tests (`*.db.test.ts`, each file on
// its own database, see test/test-database.ts) run together; Playwright specs
// live in e2e/ and run through `playwright test`.
export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
