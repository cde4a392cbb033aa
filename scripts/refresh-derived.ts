import { refreshCurationForConnection } from "../lib/curation/refresh-curation";
import { getEnv } from "../lib/env";
import { refreshUsageStatsForConnection } from "../lib/usage/refresh-usage-stats";

// `npm run refresh:derived`: what the worker does after each ingest, by hand:
// curation heuristics and verdicts, then usage figures (dependency stats and
// download trends), on DATABASE_URL. Run it after `npm run ingest` when no
// worker is running. Exits 1 when a step failed (each step logs why).
const { DATABASE_URL } = getEnv();
const log = (line: string) => console.log(line);
const curation = await refreshCurationForConnection(DATABASE_URL, log);
const usage = await refreshUsageStatsForConnection(DATABASE_URL, log);
if (!curation || !usage.dependencyStats || !usage.downloadTrends) process.exit(1);
