import { statSync } from "node:fs";
import path from "node:path";
import cronParser from "cron-parser";
import { dumpUrlRefusal, isDumpUrl } from "../ingest/open-dump-source";

// The worker's own settings, read from the environment once at start.
// DATABASE_URL is not here: it comes from lib/env.ts like everywhere else.

export interface WorkerConfig {
  /** INDEX_DIR: an index checkout on this machine; unset = no index job. */
  indexDir: string | null;
  /** DUMP_SOURCE: a dump tarball's absolute path or URL; unset = no dump job. */
  dumpSource: string | null;
  /** WORKER_INDEX_CRON (UTC). */
  indexCron: string;
  /** WORKER_DUMP_CRON (UTC). */
  dumpCron: string;
}

export const DEFAULT_INDEX_CRON = "*/5 * * * *";
// 04:17 UTC: a quiet hour for the site's visitors, and off the full hour that
// every other scheduled job on the internet picks.
export const DEFAULT_DUMP_CRON = "17 4 * * *";

export class WorkerConfigError extends Error {}

export function readWorkerConfig(env: Record<string, string | undefined>): WorkerConfig {
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value ? value : null;
  };
  const indexDir = text("INDEX_DIR");
  const dumpSource = text("DUMP_SOURCE");
  return {
    indexDir: indexDir === null ? null : checkPath("INDEX_DIR", indexDir, "directory"),
    dumpSource: dumpSource === null ? null : isDumpUrl(dumpSource) ? checkDumpUrl(dumpSource) : checkPath("DUMP_SOURCE", dumpSource, "file"),
    indexCron: checkCron("WORKER_INDEX_CRON", text("WORKER_INDEX_CRON") ?? DEFAULT_INDEX_CRON),
    dumpCron: checkCron("WORKER_DUMP_CRON", text("WORKER_DUMP_CRON") ?? DEFAULT_DUMP_CRON),
  };
}

// pg-boss checks schedules once a minute, so a seconds field would be
// silently rounded; five fields are required instead.
function checkCron(name: string, cron: string): string {
  const fields = cron.split(/\s+/);
  if (fields.length !== 5) {
    throw new WorkerConfigError(
      `${name}="${cron}": expected 5 cron fields (minute hour day-of-month month day-of-week, in UTC), got ${fields.length}`,
    );
  }
  try {
    cronParser.parseExpression(cron, { tz: "UTC" });
  } catch (error) {
    throw new WorkerConfigError(`${name}="${cron}": not a valid cron expression: ${(error as Error).message}`);
  }
  return fields.join(" ");
}

// Checked at start so that a typo stops the worker at once instead of failing
// every scheduled run. Relative paths are resolved now: the worker's working
// directory is the only one they can mean.
function checkPath(name: string, value: string, kind: "file" | "directory"): string {
  const absolute = path.resolve(value);
  let stat;
  try {
    stat = statSync(absolute);
  } catch (error) {
    throw new WorkerConfigError(`${name}=${value}: cannot read ${absolute}: ${(error as Error).message}`);
  }
  if (kind === "directory" ? !stat.isDirectory() : !stat.isFile()) {
    throw new WorkerConfigError(`${name}=${value}: ${absolute} is not a ${kind}`);
  }
  return absolute;
}

// The ingest's own rule for dump URLs (https, plain http only to this
// machine), checked at start so that a bad setting stops the worker at once.
function checkDumpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new WorkerConfigError(`DUMP_SOURCE=${value}: not a valid URL`);
  }
  const refused = dumpUrlRefusal(url);
  if (refused !== null) throw new WorkerConfigError(`DUMP_SOURCE=${value}: ${refused}`);
  return url.toString();
}
