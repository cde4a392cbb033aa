import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

// `npm test`: the whole suite, in the order that fails fastest: typecheck,
// lint, unit and database tests (Vitest), production build, browser tests
// (Playwright in Debian's Chromium). Ends with one line counting every test.
const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, ".test-reports");
mkdirSync(out, { recursive: true });

const steps: { name: string; command: string[]; env?: Record<string, string> }[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit"] },
  { name: "lint", command: ["npx", "eslint", "."] },
  {
    name: "unit and database tests",
    command: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}/vitest.json`],
  },
  { name: "build", command: ["npx", "next", "build"] },
  {
    name: "browser tests",
    command: ["npx", "playwright", "test", "--reporter=line,json"],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json` },
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStep: string | undefined;
for (const step of steps) {
  console.log(`\n=== ${step.name}: ${step.command.join(" ")}`);
  const started = Date.now();
  const result = spawnSync(step.command[0]!, step.command.slice(1), {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  console.log(`=== ${step.name}: ${result.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (step.name === "unit and database tests") addVitest();
  if (step.name === "browser tests") addPlaywright();
  if (result.status !== 0) {
    failedStep = step.name;
    break;
  }
}

if (failedStep) console.log(`\nThe suite stopped at: ${failedStep}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);

function addVitest() {
  const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(
    `${out}/vitest.json`,
  );
  if (!report) return;
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}

function addPlaywright() {
  const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
    `${out}/playwright.json`,
  );
  if (!report) return;
  totals.passed += report.stats.expected + report.stats.flaky;
  totals.failed += report.stats.unexpected;
  totals.skipped += report.stats.skipped;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}
