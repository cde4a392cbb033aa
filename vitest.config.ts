import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Unit tests (`*.test.ts`) and database tests (`*.db.test.ts`, each file on
// its own database, see test/test-database.ts) run together; Playwright specs
// live in e2e/ and run through `playwright test`.
export default defineConfig({
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // Vitest's default is one worker less than the cores (one on CI's two). Database tests spend
    // much of their time waiting for PostgreSQL and the ingest processes they start, so one more
    // worker than cores keeps the cores busy: 188 s instead of 271 s on two cores (four: 199 s).
    maxWorkers: availableParallelism() + 1,
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
