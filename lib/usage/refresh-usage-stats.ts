import type { PrismaClient } from "../generated/prisma/client";
import { refreshDependencyStats } from "./refresh-dependency-stats";
import { refreshDownloadTrends } from "./refresh-download-trends";

export interface UsageStatsRefresh {
  dependencyStats: { crates: number; seconds: number } | null;
  downloadTrends: { crates: number; seconds: number } | null;
}

/**
 * Recomputes the figures derived from registry data after an ingest: the
 * dependency graph's (transitive dependents, requirement lines, crates used
 * together) and download trends. Each step is its own transaction; a failure
 * is logged and leaves that step's previous figures in place (the next run
 * recomputes everything). Never throws.
 */
export async function refreshUsageStats(db: PrismaClient, log: (message: string) => void): Promise<UsageStatsRefresh> {
  const result: UsageStatsRefresh = { dependencyStats: null, downloadTrends: null };
  try {
    const stats = await refreshDependencyStats(db);
    result.dependencyStats = stats;
    log(`usage: dependency stats for ${stats.crates} crates in ${stats.seconds.toFixed(1)} s`);
  } catch (error) {
    log(`usage: dependency stats failed, the previous figures stay: ${(error as Error).stack ?? error}`);
  }
  try {
    const trends = await refreshDownloadTrends(db);
    result.downloadTrends = trends;
    log(`usage: download trends for ${trends.crates} crates in ${trends.seconds.toFixed(1)} s`);
  } catch (error) {
    log(`usage: download trends failed, the previous figures stay: ${(error as Error).stack ?? error}`);
  }
  return result;
}

/** refreshUsageStats on a database given by URL, with a client of its own (for the worker and commands). */
export async function refreshUsageStatsForConnection(connectionString: string, log: (message: string) => void): Promise<UsageStatsRefresh> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("../generated/prisma/client");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 2 }) });
  try {
    return await refreshUsageStats(db, log);
  } finally {
    await db.$disconnect();
  }
}
