import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { getEnv } from "./env";

// One Prisma client per process. Pages, route handlers and server actions are
// separate module graphs in Next, so the client lives on globalThis (in
// production too) or each graph would open its own pool.
const globalForDb = globalThis as unknown as { cratelistPrisma?: PrismaClient };

/**
 * Session settings of the site's connections. No parallel query: the site runs
 * many small queries at once, and a search that PostgreSQL splits over two
 * workers took three processes' CPU for one answer (a seq scan over every
 * crate where one process with the indexes did it in a third of the time), so
 * under load it slowed everyone else down. Ingest, curation and usage
 * refreshes open their own connections and keep the server's default.
 */
export const SITE_SESSION_OPTIONS = "-c max_parallel_workers_per_gather=0";

export function getDb(): PrismaClient {
  if (!globalForDb.cratelistPrisma) {
    const env = getEnv();
    const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX, options: SITE_SESSION_OPTIONS });
    globalForDb.cratelistPrisma = new PrismaClient({ adapter });
  }
  return globalForDb.cratelistPrisma;
}
