import cronParser from "cron-parser";
import type { PrismaClient } from "../generated/prisma/client";

// Read model for the status page: the worker's schedules as pg-boss stores
// them (schema `pgboss`, created by the first worker's boss.start()). The
// site itself never starts pg-boss, so the schema may well be missing.

export type LastRunState = "running" | "succeeded" | "skipped" | "failed" | "retrying" | "cancelled";

export interface ScheduledJobView {
  name: string;
  cron: string;
  timezone: string;
  /** Null when the stored expression cannot be parsed. */
  nextRunAt: Date | null;
  /** The most recently started job of this name, null before the first. */
  lastRun: {
    state: LastRunState;
    startedAt: Date;
    finishedAt: Date | null;
    /** Why it was skipped, or the error it failed with. */
    detail: string | null;
  } | null;
}

interface ScheduleRow {
  name: string;
  cron: string;
  timezone: string | null;
  state: string | null;
  started_on: Date | null;
  completed_on: Date | null;
  output: unknown;
}

/** Every scheduled job, by name; [] when no worker ever ran on this database. */
export async function listSchedule(db: PrismaClient, now: Date = new Date()): Promise<ScheduledJobView[]> {
  const [exists] = await db.$queryRaw<{ found: boolean }[]>`SELECT to_regclass('pgboss.schedule') IS NOT NULL AS found`;
  if (!exists?.found) return [];
  // Finished jobs move from pgboss.job to pgboss.archive after a while
  // (12 hours by default); the last run may be in either.
  const rows = await db.$queryRaw<ScheduleRow[]>`
    SELECT s.name, s.cron, s.timezone, last.state, last.started_on, last.completed_on, last.output
    FROM pgboss.schedule s
    LEFT JOIN LATERAL (
      SELECT state::text AS state, started_on, completed_on, output FROM (
        SELECT state, started_on, completed_on, output FROM pgboss.job WHERE name = s.name AND started_on IS NOT NULL
        UNION ALL
        SELECT state, started_on, completed_on, output FROM pgboss.archive WHERE name = s.name AND started_on IS NOT NULL
      ) runs
      ORDER BY started_on DESC
      LIMIT 1
    ) last ON true
    ORDER BY s.name`;
  return rows.map((row) => {
    const timezone = row.timezone ?? "UTC";
    return {
      name: row.name,
      cron: row.cron,
      timezone,
      nextRunAt: nextRun(row.cron, timezone, now),
      lastRun: row.started_on ? { state: lastRunState(row), startedAt: row.started_on, finishedAt: row.completed_on, detail: detail(row.output) } : null,
    };
  });
}

function nextRun(cron: string, tz: string, now: Date): Date | null {
  try {
    return cronParser.parseExpression(cron, { tz, currentDate: now }).next().toDate();
  } catch {
    return null;
  }
}

function lastRunState(row: ScheduleRow): LastRunState {
  switch (row.state) {
    case "active":
      return "running";
    case "completed":
      return outputField(row.output, "result") === "skipped" ? "skipped" : "succeeded";
    case "retry":
      return "retrying";
    case "cancelled":
      return "cancelled";
    default:
      return "failed";
  }
}

// The worker completes a job with { result, reason }; a handler's error is
// stored serialized ({ message, stack, … }); pg-boss's own failures (expired,
// shut down while active) as { value: "…" } or { value: { message } }.
function detail(output: unknown): string | null {
  const value = typeof output === "object" && output !== null ? (output as Record<string, unknown>).value : null;
  return outputField(output, "reason") ?? outputField(output, "message") ?? (typeof value === "string" ? value : outputField(value, "message"));
}

function outputField(output: unknown, key: string): string | null {
  if (typeof output !== "object" || output === null) return null;
  const value = (output as Record<string, unknown>)[key];
  return typeof value === "string" ? value : null;
}
