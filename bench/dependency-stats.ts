import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { refreshDependencyStats } from "../lib/usage/refresh-dependency-stats";
import { loadBenchDatabase } from "./load-bench-database";

// `npm run bench:dependency-stats -- [--scale 1 | --scale 0.1] [--seed 1] [--runs 2]`:
// refreshDependencyStats (lib/usage/refresh-dependency-stats.ts) on the search
// benchmarks' database (bench/load-bench-database.ts: the synthetic registry at
// `--scale`, default 1 = 250,000 crates, beside the real fixture crates;
// loaded the first time, reused afterwards). Each run is a child process of
// its own, so its peak RSS is the refresh's alone: the first into an empty
// crate_dependency_stats, the next ones replacing every row. Last line:
// {"crates", "edges", "seconds", "peak_rss_mb"} of the slowest run, with
// goals of peak RSS ≤ 512 MB (well under it) and no more than a minute.
//
// `--measure URL` is the child: one refresh on URL, one JSON line.

const { values: args } = parseArgs({
  options: {
    scale: { type: "string", default: "1" },
    seed: { type: "string", default: "1" },
    runs: { type: "string", default: "2" },
    measure: { type: "string" },
  },
});

if (args.measure) {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: args.measure, max: 2 }) });
  try {
    let edges = 0;
    const result = await refreshDependencyStats(db, {
      log: (line) => {
        const found = /, (\d+) edges/.exec(line);
        if (found) edges = Number(found[1]);
        const mb = (bytes: number) => Math.round(bytes / 1048576);
        const memory = process.memoryUsage();
        console.error(`[bench]   ${line} (rss ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)}/${mb(memory.heapTotal)} MB, buffers ${mb(memory.arrayBuffers)} MB)`);
      },
    });
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    console.log(JSON.stringify({ crates: result.crates, edges, seconds: Math.round(result.seconds * 100) / 100, peak_rss_mb: peakRssMb }));
  } finally {
    await db.$disconnect();
  }
} else {
  const log = (m: string) => console.log(`[bench] ${m}`);
  const bench = await loadBenchDatabase({ scale: Number(args.scale), seed: Number(args.seed), log });
  log(`database ${bench.database}: ${bench.crates} crates${bench.reused ? " (reused)" : ""}`);
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: bench.url, max: 1 }) });
  await db.crateDependencyStats.deleteMany();
  await db.$disconnect();

  const results: { crates: number; edges: number; seconds: number; peak_rss_mb: number }[] = [];
  for (let run = 1; run <= Number(args.runs); run++) {
    const child = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--measure", bench.url], {
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
    });
    if (child.status !== 0) throw new Error(`run ${run} failed (exit ${child.status})`);
    const result = JSON.parse(child.stdout.trim().split("\n").at(-1)!) as (typeof results)[number];
    log(`run ${run} (${run === 1 ? "into an empty table" : "replacing every row"}): ${result.crates} crates, ${result.edges} edges in ${result.seconds} s, peak RSS ${result.peak_rss_mb} MB`);
    results.push(result);
  }
  const slowest = results.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const peak = Math.max(...results.map((r) => r.peak_rss_mb));
  log(`goals: peak RSS ≤ 512 MB (${peak} MB), ≤ 60 s (${slowest.seconds} s)`);
  console.log(JSON.stringify({ scale: Number(args.scale), crates: slowest.crates, edges: slowest.edges, seconds: slowest.seconds, peak_rss_mb: peak }));
}
