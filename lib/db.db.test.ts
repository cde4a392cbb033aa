import { afterAll, describe, expect, it, vi } from "vitest";
import { useTestPrisma } from "../test/test-database";

// The site's own client (getDb) sets its session options on every connection
// it opens; see SITE_SESSION_OPTIONS for why.
describe("getDb", () => {
  const database = useTestPrisma({ seeded: false });
  const saved = process.env.DATABASE_URL;
  afterAll(async () => {
    const { getDb } = await import("./db");
    await getDb().$disconnect();
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it("runs the site's queries without parallel workers, on every connection of its pool", async () => {
    vi.resetModules();
    process.env.DATABASE_URL = database.db.url;
    const { getDb } = await import("./db");
    const db = getDb();
    // Several at once, so that the pool opens more than one connection.
    const settings = await Promise.all(
      Array.from({ length: 4 }, () => db.$queryRaw<{ max_parallel_workers_per_gather: string }[]>`SHOW max_parallel_workers_per_gather`),
    );
    expect(settings.map(([row]) => row?.max_parallel_workers_per_gather)).toEqual(["0", "0", "0", "0"]);
    // A client without the options gets the server's default, so the assertion above says something.
    const [row] = await database.prisma.$queryRaw<{ max_parallel_workers_per_gather: string }[]>`SHOW max_parallel_workers_per_gather`;
    expect(row?.max_parallel_workers_per_gather).not.toBe("0");
  });
});
