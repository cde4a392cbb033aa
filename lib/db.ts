import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { getEnv } from "./env";

// One Prisma client per process. Pages, route handlers and server actions are
// separate module graphs in Next, so the client lives on globalThis (in
// production too) or each graph would open its own pool.
const globalForDb = globalThis as unknown as { cratelistPrisma?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForDb.cratelistPrisma) {
    const env = getEnv();
    const adapter = new PrismaPg({ connectionString: env.DATABASE_URL, max: env.DATABASE_POOL_MAX });
    globalForDb.cratelistPrisma = new PrismaClient({ adapter });
  }
  return globalForDb.cratelistPrisma;
}
