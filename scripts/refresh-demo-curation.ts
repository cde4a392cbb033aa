import { PrismaPg } from "@prisma/adapter-pg";
import { refreshCurationAfterIngest } from "../lib/curation/refresh-curation";
import { PrismaClient } from "../lib/generated/prisma/client";

/**
 * Computes the heuristics and every view's verdicts when the data was just
 * loaded (`force`) or some view was never evaluated (a database from before
 * curation existed). Logs and carries on when it fails: the site then shows
 * every crate, which is the state before curation.
 */
export async function refreshDemoCuration(databaseUrl: string, options: { force: boolean; poolMax: number }): Promise<void> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: options.poolMax }) });
  try {
    const stale = options.force || (await db.view.count({ where: { evaluatedAt: null } })) > 0;
    if (stale) await refreshCurationAfterIngest(db, (line) => console.log(line));
  } finally {
    await db.$disconnect();
  }
}
