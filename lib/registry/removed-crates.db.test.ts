import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureIndexDir } from "../../test/fixture-paths";
import { useTestPrisma } from "../../test/test-database";
import { syncIndex } from "../ingest/sync-index";
import { createPostgresSearchBackend } from "../search/postgres-search-backend";
import { getCrate } from "./get-crate";
import { listDependents } from "./list-dependents";
import { listPopularCrates } from "./list-popular-crates";

// serde_json leaves the index (its file is deleted) and an index sync marks it
// removed. Readers must still reach its page, but no list, search or count
// may offer it any more.
describe("a crate removed upstream", () => {
  const database = useTestPrisma({ seeded: true });
  let dir: string;
  let serdeDependentsBefore: number;
  let popularBefore: string[];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "removed-crates-"));
    await cp(fixtureIndexDir, dir, { recursive: true });
    serdeDependentsBefore = (await getCrate(database.prisma, "serde"))!.reverseDependencyCount;
    popularBefore = (await listPopularCrates(database.prisma, 50)).map((c) => c.name);
    await rm(path.join(dir, "se/rd/serde_json"));
    await syncIndex(database.db.url, { source: { kind: "dir", dir } });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps its page, marked with the time it left", async () => {
    const crate = await getCrate(database.prisma, "serde_json");
    expect(crate?.removedAt).toBeInstanceOf(Date);
    expect(crate?.defaultVersion).not.toBeNull();
  });

  it("is left out of search and popular lists", async () => {
    expect(popularBefore).toContain("serde_json");
    expect((await listPopularCrates(database.prisma, 50)).map((c) => c.name)).not.toContain("serde_json");
    const hits = await createPostgresSearchBackend(database.prisma).search({
      q: "serde_json",
      page: 1,
      perPage: 20,
      sort: "relevance",
      filters: {},
      facets: true,
    });
    expect(hits.facets!.keyword.every((k) => k.count <= hits.total)).toBe(true);
    expect(hits.results.map((r) => r.name)).not.toContain("serde_json");
    expect(hits.results.map((r) => r.name)).toContain("serde");
  });

  it("no longer counts as a dependent", async () => {
    const serde = (await getCrate(database.prisma, "serde"))!;
    expect(serde.reverseDependencyCount).toBe(serdeDependentsBefore - 1);
    const dependents = await listDependents(database.prisma, serde.id, { page: 1, perPage: 500 });
    expect(dependents.total).toBe(serde.reverseDependencyCount);
    expect(dependents.items.map((d) => d.name)).not.toContain("serde_json");
  });
});
