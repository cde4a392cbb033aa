import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { PrismaClient } from "../generated/prisma/client";
import { semverSortKey } from "../registry/semver-sort-key";
import { getDependencyStats } from "./get-dependency-stats";
import { refreshDependencyStats } from "./refresh-dependency-stats";

// The fixture crates plus a few made-up ones (prefixed `ds-`) with the shapes
// the graph must handle: a cycle, a chain, dependents that are fully yanked
// or removed (not counted), a dependency on itself, several requirements on
// one crate, dev dependencies (not counted).

interface Dep {
  on: string;
  req: string;
  kind?: "normal" | "build" | "dev";
}

async function addCrate(
  db: PrismaClient,
  name: string,
  options: { version?: string; deps?: Dep[]; allYanked?: boolean; removed?: boolean } = {},
): Promise<number> {
  const num = options.version ?? "1.0.0";
  const crate = await db.crate.create({ data: { name, nameLower: name.toLowerCase(), removedAt: options.removed ? new Date() : null } });
  const { key, prerelease } = semverSortKey(num);
  const version = await db.version.create({
    data: { crateId: crate.id, num, sortKey: key, prerelease, yanked: options.allYanked ?? false, checksum: "0".repeat(64) },
  });
  await db.crate.update({ where: { id: crate.id }, data: { defaultVersionId: version.id, allYanked: options.allYanked ?? false, versionCount: 1 } });
  for (const dep of options.deps ?? []) {
    const target = await db.crate.findUniqueOrThrow({ where: { nameLower: dep.on.toLowerCase() } });
    await db.dependency.create({ data: { versionId: version.id, crateName: target.name, crateId: target.id, req: dep.req, kind: dep.kind ?? "normal" } });
  }
  return crate.id;
}

/** Adds a dependency to a crate's default version (for cycles, whose first crate exists before the last). */
async function addDependency(db: PrismaClient, from: string, dep: Dep): Promise<void> {
  const source = await db.crate.findUniqueOrThrow({ where: { nameLower: from }, select: { defaultVersionId: true } });
  const target = await db.crate.findUniqueOrThrow({ where: { nameLower: dep.on } });
  await db.dependency.create({ data: { versionId: source.defaultVersionId!, crateName: target.name, crateId: target.id, req: dep.req, kind: dep.kind ?? "normal" } });
}

const EDGES_SQL = `
  SELECT DISTINCT c.id AS dependent, d.crate_id AS dependency
  FROM crates c JOIN dependencies d ON d.version_id = c.default_version_id
  WHERE NOT c.all_yanked AND c.removed_at IS NULL AND d.kind IN ('normal', 'build')
    AND d.crate_id IS NOT NULL AND d.crate_id <> c.id`;

/** Transitive dependents by a recursive CTE: the figure the refresh must match. */
async function transitiveInSql(db: PrismaClient, crateId: number): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(
    `WITH RECURSIVE edges AS (${EDGES_SQL}),
     up(id) AS (
       SELECT dependent FROM edges WHERE dependency = $1
       UNION
       SELECT e.dependent FROM edges e JOIN up ON e.dependency = up.id
     )
     SELECT count(*)::int AS n FROM up WHERE id <> $1`,
    crateId,
  );
  return rows[0]!.n;
}

async function directInSql(db: PrismaClient, crateId: number): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM (${EDGES_SQL}) e WHERE e.dependency = $1`, crateId);
  return rows[0]!.n;
}

async function idOf(db: PrismaClient, name: string): Promise<number> {
  return (await db.crate.findUniqueOrThrow({ where: { nameLower: name.toLowerCase() } })).id;
}

describe("refreshDependencyStats", () => {
  const database = useTestPrisma({ seeded: true });
  let refreshed: { crates: number; seconds: number };

  beforeAll(async () => {
    const db = database.prisma;
    // A line-adoption target: latest 1.2.0, dependents asking for several lines.
    await addCrate(db, "ds-target", { version: "1.2.0" });
    await addCrate(db, "ds-partner");
    await addCrate(db, "ds-on-one", { deps: [{ on: "ds-target", req: "1.0" }, { on: "ds-partner", req: "1" }] });
    await addCrate(db, "ds-on-one-caret", { deps: [{ on: "ds-target", req: "^1.1" }, { on: "ds-partner", req: "1" }, { on: "serde", req: "1" }] });
    await addCrate(db, "ds-on-old", { deps: [{ on: "ds-target", req: "0.9" }, { on: "ds-partner", req: "1" }] });
    await addCrate(db, "ds-on-any", { deps: [{ on: "ds-target", req: ">=0.5" }, { on: "ds-partner", req: "1" }] });
    // Two requirements on the target (a normal and a build one): counted once, by the newest line.
    await addCrate(db, "ds-on-both", {
      deps: [
        { on: "ds-target", req: "0.9", kind: "normal" },
        { on: "ds-target", req: "^1", kind: "build" },
        { on: "ds-partner", req: "1" },
      ],
    });
    // Not counted: dev dependencies, fully yanked and removed dependents, a crate's dependency on itself.
    await addCrate(db, "ds-dev-only", { deps: [{ on: "ds-target", req: "1", kind: "dev" }] });
    await addCrate(db, "ds-yanked", { allYanked: true, deps: [{ on: "ds-target", req: "1" }, { on: "ds-partner", req: "1" }] });
    await addCrate(db, "ds-removed", { removed: true, deps: [{ on: "ds-target", req: "1" }, { on: "ds-partner", req: "1" }] });
    await addDependency(db, "ds-target", { on: "ds-target", req: "1" });
    // Someone depending on a dependent of the target: indirect.
    await addCrate(db, "ds-indirect", { deps: [{ on: "ds-on-one", req: "1" }] });
    await addCrate(db, "ds-on-yanked", { deps: [{ on: "ds-yanked", req: "1" }] });
    // A cycle a → b → c → a, entered from d; and the cycle depends on serde_json.
    await addCrate(db, "ds-cycle-a", { deps: [{ on: "serde_json", req: "1" }] });
    await addCrate(db, "ds-cycle-b", { deps: [{ on: "ds-cycle-a", req: "0.1" }] });
    await addCrate(db, "ds-cycle-c", { deps: [{ on: "ds-cycle-b", req: "0.1" }] });
    await addDependency(db, "ds-cycle-a", { on: "ds-cycle-c", req: "0.1" });
    await addCrate(db, "ds-cycle-entry", { deps: [{ on: "ds-cycle-a", req: "0.1" }] });
    refreshed = await refreshDependencyStats(db);
  });

  it("writes one row per crate", async () => {
    const crates = await database.prisma.crate.count();
    expect(refreshed.crates).toBe(crates);
    expect(await database.prisma.crateDependencyStats.count()).toBe(crates);
    expect(refreshed.seconds).toBeGreaterThan(0);
  });

  it("counts transitive dependents as a recursive query does", async () => {
    const db = database.prisma;
    const names = ["serde", "serde_json", "serde_derive", "proc-macro2", "quote", "syn", "tokio", "libc", "bytes", "ds-target", "ds-partner", "ds-on-one", "ds-cycle-a", "ds-cycle-b", "ds-cycle-c", "ds-cycle-entry", "ds-yanked"];
    for (const name of names) {
      const id = await idOf(db, name);
      const stats = await getDependencyStats(db, id);
      expect({ name, transitive: stats?.transitiveDependents }).toEqual({ name, transitive: await transitiveInSql(db, id) });
      expect({ name, direct: stats?.directDependents }).toEqual({ name, direct: await directInSql(db, id) });
    }
    // The fixtures have a real graph: serde is reached through others.
    const serde = await getDependencyStats(db, await idOf(db, "serde"));
    expect(serde!.transitiveDependents).toBeGreaterThan(serde!.directDependents);
  });

  it("ends on cycles, counting every crate of the cycle but not the crate itself", async () => {
    const db = database.prisma;
    for (const name of ["ds-cycle-a", "ds-cycle-b", "ds-cycle-c"]) {
      // The two others in the cycle and the entry.
      expect((await getDependencyStats(db, await idOf(db, name)))!.transitiveDependents).toBe(3);
    }
    expect((await getDependencyStats(db, await idOf(db, "ds-cycle-entry")))!.transitiveDependents).toBe(0);
  });

  it("leaves out fully yanked and removed dependents, dev dependencies and a crate's dependency on itself", async () => {
    const db = database.prisma;
    const target = (await getDependencyStats(db, await idOf(db, "ds-target")))!;
    // ds-on-one, -one-caret, -old, -any, -both directly; ds-indirect through ds-on-one.
    expect(target.directDependents).toBe(5);
    expect(target.transitiveDependents).toBe(6);
    // ds-yanked has a dependent of its own, but no longer counts as one.
    expect((await getDependencyStats(db, await idOf(db, "ds-yanked")))!.transitiveDependents).toBe(1);
  });

  it("counts direct dependents by the line they ask for, and the share accepting the latest", async () => {
    const target = (await getDependencyStats(database.prisma, await idOf(database.prisma, "ds-target")))!;
    expect(target.latestLine).toBe("1");
    expect(target.lines).toEqual([
      { line: "*", count: 1 },
      { line: "1", count: 3 },
      { line: "0.9", count: 1 },
    ]);
    expect(target.latestShare).toBeCloseTo(4 / 5);
  });

  it("ranks the crates used together by count × ln(lift), with counts that match the data", async () => {
    const db = database.prisma;
    const target = (await getDependencyStats(db, await idOf(db, "ds-target")))!;
    // Every dependent of ds-target uses ds-partner, which hardly anyone else does.
    expect(target.together[0]).toMatchObject({ name: "ds-partner", count: 5 });
    expect(target.together[0]!.lift).toBeGreaterThan(10);

    const serdeId = await idOf(db, "serde");
    const serde = (await getDependencyStats(db, serdeId))!;
    expect(serde.together.length).toBeGreaterThan(0);
    expect(serde.together.length).toBeLessThanOrEqual(8);
    // Lifts are stored to 2 decimals: allow for the rounding.
    const scores = serde.together.map((t) => t.count * Math.log(t.lift));
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!).toBeGreaterThanOrEqual(scores[i]! - serde.together[i]!.count * 0.01);
    for (const t of serde.together) {
      expect(t.count).toBeGreaterThanOrEqual(2);
      expect(t.lift).toBeGreaterThan(1);
      expect(t.name).not.toBe("serde");
      const [row] = await db.$queryRawUnsafe<{ n: number }[]>(
        `WITH edges AS (${EDGES_SQL})
         SELECT count(*)::int AS n FROM edges x JOIN edges y ON y.dependent = x.dependent
         JOIN crates c ON c.id = y.dependency
         WHERE x.dependency = $1 AND c.name = $2`,
        serdeId,
        t.name,
      );
      expect({ name: t.name, count: t.count }).toEqual({ name: t.name, count: row!.n });
    }
  });

  it("replaces every row on a second run, in one transaction", async () => {
    const db = database.prisma;
    const before = await db.crateDependencyStats.findMany({ orderBy: { crateId: "asc" }, select: { crateId: true, transitiveDependents: true, dependentLines: true, together: true } });
    await addCrate(db, "ds-late", { deps: [{ on: "ds-target", req: "=1.2.0" }] });
    // Readers during the refresh see the old rows or the new ones: count them while it runs.
    const refreshing = refreshDependencyStats(db);
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) seen.push(await db.crateDependencyStats.count());
    await refreshing;
    expect(seen.every((n) => n === before.length || n === before.length + 1)).toBe(true);
    const after = await db.crateDependencyStats.findMany({ orderBy: { crateId: "asc" }, select: { crateId: true, transitiveDependents: true, dependentLines: true, together: true } });
    expect(after).toHaveLength(before.length + 1);
    const target = (await getDependencyStats(db, await idOf(db, "ds-target")))!;
    expect(target.directDependents).toBe(6);
    expect(target.lines.find((l) => l.line === "1")?.count).toBe(4);
  });

  it("answers null for a crate never computed", async () => {
    const id = await addCrate(database.prisma, "ds-after-refresh");
    expect(await getDependencyStats(database.prisma, id)).toBeNull();
  });
});
