import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../generated/prisma/client";
import { createTestDatabase, createTestPrisma, type TestDatabase } from "../../test/test-database";
import { listIngestRuns } from "./list-ingest-runs";

describe("listIngestRuns", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;

  beforeAll(async () => {
    db = await createTestDatabase({ seeded: true });
    prisma = createTestPrisma(db);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("shows the seeding run with its counts, and no server paths", async () => {
    const [latest] = await listIngestRuns(prisma);
    expect(latest).toMatchObject({ status: "succeeded", source: "index + dump", crates: 222, versions: 4284 });
    expect(latest!.finishedAt!.getTime()).toBeGreaterThanOrEqual(latest!.startedAt.getTime());
    expect(JSON.stringify(latest)).not.toMatch(/fixtures|\/tmp|\.tar\.gz/);
  });

  it("lists newest first and reports failures with their error", async () => {
    await prisma.ingestRun.create({ data: { source: "dump:/srv/x.tar.gz", status: "failed", error: "data/crates.csv:3: bad", finishedAt: new Date() } });
    const runs = await listIngestRuns(prisma);
    expect(runs[0]).toMatchObject({ status: "failed", source: "dump", error: "data/crates.csv:3: bad", crates: null });
    expect(runs[0]!.id).toBeGreaterThan(runs[1]!.id);
  });
});
