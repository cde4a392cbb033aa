import { PrismaPg } from "@prisma/adapter-pg";
import { refreshCurationAfterIngest } from "../lib/curation/refresh-curation";
import { refreshUsageStats } from "../lib/usage/refresh-usage-stats";
import { PrismaClient } from "../lib/generated/prisma/client";

/**
 * Computes the heuristics and every view's verdicts, and the usage figures
 * (dependency stats, download trends), when the data was just loaded
 * (`force`) or they were never computed (a database from before they
 * existed). Logs and carries on when it fails: the site then shows every
 * crate, and no usage figures.
 */
export async function refreshDemoDerivedData(databaseUrl: string, options: { force: boolean; poolMax: number }): Promise<void> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: options.poolMax }) });
  try {
    const stale = options.force || (await db.view.count({ where: { evaluatedAt: null } })) > 0;
    if (stale) await refreshCurationAfterIngest(db, (line) => console.log(line));
    const usageStale = options.force || (await db.crateDependencyStats.count()) === 0;
    if (usageStale) await refreshUsageStats(db, (line) => console.log(line));
  } finally {
    await db.$disconnect();
  }
}
