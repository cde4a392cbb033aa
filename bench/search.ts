import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon, { type Result } from "autocannon";
import { nextBuildIsStale } from "../scripts/next-build-is-stale";
import { loadBenchDatabase } from "./load-bench-database";
import { loadRelevanceQueries } from "./relevance-metrics";

// `npm run bench:search -- [--scale 0.1 | --full | --scale 0] [--duration 20] [--connections 20] [--fresh] [--path P ...]`:
// the production site (`next start`) on the bench database (the real fixture
// crates beside a synthetic registry; scale 0 = the fixtures alone), loaded
// by autocannon through GET /api/v1/search with the relevance queries plus
// some sorts, filters, pages and facets, then through the trivial
// /api/v1/health route (no database) as the floor. Non-2xx answers fail the
// bench. Last line: one JSON object (see bench/README.md).

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "0.1" },
    full: { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    fresh: { type: "boolean", default: false },
    // Measure every request on the database: turn the site's answer cache off (SEARCH_CACHE_TTL_MS=0).
    "no-cache": { type: "boolean", default: false },
    // How long the site's answers stay fresh (SEARCH_CACHE_TTL_MS; default the site's, 60 s): a short one makes them expire during the run.
    "cache-ttl-ms": { type: "string" },
    // Use the existing .next build even when sources are newer (say so in the numbers).
    "no-build": { type: "boolean", default: false },
    // Only these requests (repeatable), e.g. `--path '/api/v1/search?q=reqwest'`, instead of the relevance set and its variants.
    path: { type: "string", multiple: true },
  },
});
for (const given of args.path ?? []) {
  if (!given.startsWith("/api/")) throw new Error(`--path must be a site path starting with /api/, got ${given}`);
}
const scale = args.full ? 1 : Number(args.scale);
const duration = Number(args.duration);
const connections = Number(args.connections);
const warmup = Number(args.warmup);
if (!(scale >= 0 && scale <= 4)) throw new Error(`--scale must be 0 (fixtures only) or in (0, 4], got ${args.scale}`);
if (!(duration > 0 && connections > 0 && warmup >= 0)) throw new Error("--duration and --connections must be positive, --warmup at least 0");

const root = path.resolve(import.meta.dirname, "..");
const outDir = path.join(root, "bench/out");
const log = (m: string) => console.log(`[search] ${m}`);
// Set once we stop the site ourselves: an exit before that is reported.
let stopping = false;

const bench = await loadBenchDatabase({ scale, seed: Number(args.seed), fresh: args.fresh, log });
const paths = args.path?.length ? args.path : await searchPaths();

if (await nextBuildIsStale(root)) {
  if (args["no-build"]) log("WARNING: .next is older than the sources; measuring the old build (--no-build)");
  else {
    log("building the site (next build): .next is missing or older than the sources");
    const built = spawnSync(path.join(root, "node_modules/.bin/next"), ["build"], { cwd: root, stdio: "inherit", env: buildEnv() });
    if (built.status !== 0) throw new Error("next build failed");
  }
}

const port = await freePort();
const serverLog = path.join(outDir, `search-server-${scale}.log`);
log(`starting next start on port ${port} (DATABASE_URL → ${bench.database}, PostgreSQL search; server log ${path.relative(root, serverLog)})`);
const server = await startServer(port, bench.url, serverLog);
let exitCode = 0;
try {
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(base);
  await checkEveryPath(base);
  if (warmup > 0) {
    log(`warming up: ${warmup} s`);
    await load(base, paths, warmup);
  }
  log(`search: ${connections} connections for ${duration} s, rotating through ${paths.length} requests`);
  const search = await load(base, paths, duration);
  // Requests still running on the server when the search load ended must not land in the floor.
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  log(`floor (/api/v1/health, no database): ${connections} connections for ${duration} s`);
  const floor = await load(base, ["/api/v1/health"], duration);

  console.log("");
  console.log(`scale ${scale} (${bench.crates} crates), ${connections} connections, ${duration} s each, 2 cores shared by load generator, site and PostgreSQL`);
  printRow("", ["requests", "rps", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"]);
  printRow("search", [search.requests, search.rps, search.p50, search.p95, search.p99, search.max, search.errors]);
  printRow("health (floor)", [floor.requests, floor.rps, floor.p50, floor.p95, floor.p99, floor.max, floor.errors]);
  for (const [name, run] of [["search", search], ["health", floor]] as const) {
    if (run.errors > 0) {
      console.error(`FAILED: ${name} had ${run.errors} errors (non-2xx ${run.non2xx}, connection errors ${run.connErrors}, timeouts ${run.timeouts}); status codes ${JSON.stringify(run.statusCodes)}`);
      exitCode = 1;
    }
  }
  console.log("");
  console.log(
    JSON.stringify({
      scale,
      backend: "postgres",
      cache: !args["no-cache"],
      ...(args["cache-ttl-ms"] !== undefined && !args["no-cache"] ? { cache_ttl_ms: Number(args["cache-ttl-ms"]) } : {}),
      crates: bench.crates,
      ...(args.path?.length ? { paths: args.path } : {}),
      connections,
      duration_s: duration,
      requests: search.requests,
      errors: search.errors + floor.errors,
      p50_ms: search.p50,
      p95_ms: search.p95,
      p99_ms: search.p99,
      rps: search.rps,
      floor_p50_ms: floor.p50,
      floor_p95_ms: floor.p95,
      floor_p99_ms: floor.p99,
      floor_rps: floor.rps,
    }),
  );
} finally {
  await stopServer(server);
}
process.exitCode = exitCode;

/** The relevance queries as typed, plus sorts, filters, a second page, a bigger page, facets and the empty query. */
async function searchPaths(): Promise<string[]> {
  const search = (params: Record<string, string | undefined>) =>
    `/api/v1/search?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`;
  const plain = (await loadRelevanceQueries()).map((query) => search({ q: query.q }));
  const variants = [
    { q: "http", sort: "downloads" },
    { q: "json", sort: "recent-downloads" },
    { q: "async", sort: "updated" },
    { q: "parser", sort: "newest" },
    { q: "http", category: "web-programming::http-client" },
    { q: "serde", keyword: "serialization" },
    { q: "web", license: "MIT OR Apache-2.0" },
    { q: "tokio", page: "2" },
    { q: "database", per_page: "50" },
    { q: "json", facets: "true" },
    { q: "", sort: "downloads" },
    { q: "async", category: "asynchronous", facets: "true" },
  ].map(search);
  return [...plain, ...variants];
}

interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  connErrors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

/** autocannon through `list` in turn (one shared rotation across connections); latencies of every answer. */
async function load(base: string, list: string[], seconds: number): Promise<LoadResult> {
  let next = 0;
  const instance = autocannon({
    url: base,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [{ method: "GET", setupRequest: (request) => ({ ...request, path: list[next++ % list.length] }) }],
  });
  const latencies: number[] = [];
  instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.push(ms));
  const result: Result = await instance;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN);
  const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]));
  return {
    requests: latencies.length,
    rps: Math.round(latencies.length / result.duration),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: round(latencies.at(-1) ?? NaN),
    errors: result.non2xx + result.errors + result.timeouts,
    non2xx: result.non2xx,
    connErrors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  };
}

/** Every request once, before any load: a 4xx/5xx or a degraded answer stops the bench with its body. */
async function checkEveryPath(base: string): Promise<void> {
  for (const p of paths) {
    const response = await fetch(`${base}${p}`);
    const body = await response.text();
    if (!response.ok) throw new Error(`GET ${p} answered ${response.status}: ${body.slice(0, 500)}`);
    const json = JSON.parse(body) as { backend?: string; degraded?: boolean };
    if (json.backend !== "postgres" || json.degraded) throw new Error(`GET ${p} was answered by ${json.backend}${json.degraded ? " (degraded)" : ""}, not postgres`);
  }
  log(`all ${paths.length} requests answer 200 from postgres`);
  // One at a time, warm: which requests are slow before there is any queueing.
  const timings: [string, number][] = [];
  for (const p of paths) {
    const started = performance.now();
    await (await fetch(`${base}${p}`)).arrayBuffer();
    timings.push([p, performance.now() - started]);
  }
  timings.sort((a, b) => b[1] - a[1]);
  const median = timings[Math.floor(timings.length / 2)]![1];
  log(`one request at a time: median ${median.toFixed(1)} ms; slowest:`);
  for (const [p, ms] of timings.slice(0, 5)) log(`  ${ms.toFixed(1).padStart(7)} ms  ${decodeURIComponent(p)}`);
}

function printRow(label: string, cells: (string | number)[]): void {
  console.log(`${label.padEnd(16)}${cells.map((c) => String(c).padStart(10)).join("")}`);
}

function buildEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  if (args["cache-ttl-ms"] !== undefined) env.SEARCH_CACHE_TTL_MS = args["cache-ttl-ms"];
  if (args["no-cache"]) env.SEARCH_CACHE_TTL_MS = "0";
  delete env.MEILI_URL;
  delete env.MEILI_API_KEY;
  return env;
}

async function startServer(listenPort: number, databaseUrl: string, logFile: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...buildEnv(), DATABASE_URL: databaseUrl, PORT: String(listenPort) };
  const output = createWriteStream(logFile);
  await once(output, "open");
  // Its own process group, so that stopping it stops next's workers too.
  const child = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(listenPort), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    detached: true,
    stdio: ["ignore", output, output],
  });
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`[search] next start exited early (code ${code}, signal ${signal}); see ${logFile}`);
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  stopping = true;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, "exit");
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

async function waitForHealth(base: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited (code ${server.exitCode}); see ${serverLog}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the site did not answer /api/v1/health within 60 s; see ${serverLog}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}


function round(n: number): number {
  return Math.round(n * 10) / 10;
}
