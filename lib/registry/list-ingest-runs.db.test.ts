import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { listIngestRuns } from "./list-ingest-runs";

describe("listIngestRuns", () => {
  const database = useTestPrisma({ seeded: true });

  it("shows the seeding run with its counts, and no server paths", async () => {
    const [latest] = await listIngestRuns(database.prisma);
    expect(latest).toMatchObject({ status: "succeeded", source: "index + dump", crates: 222, versions: 4284 });
    expect(latest!.finishedAt!.getTime()).toBeGreaterThanOrEqual(latest!.startedAt.getTime());
    expect(JSON.stringify(latest)).not.toMatch(/fixtures|\/tmp|\.tar\.gz/);
  });

  it("lists newest first and reports failures with their error", async () => {
    await database.prisma.ingestRun.create({ data: { source: "dump:/srv/x.tar.gz", status: "failed", error: "data/crates.csv:3: bad", finishedAt: new Date() } });
    const runs = await listIngestRuns(database.prisma);
    expect(runs[0]).toMatchObject({ status: "failed", source: "dump", error: "data/crates.csv:3: bad", crates: null });
    expect(runs[0]!.id).toBeGreaterThan(runs[1]!.id);
  });
});
