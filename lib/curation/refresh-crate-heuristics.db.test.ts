import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { PrismaClient } from "../generated/prisma/client";
import { loadCrateFacts } from "./load-crate-facts";
import { refreshCrateHeuristics } from "./refresh-crate-heuristics";

// The heuristics on the real fixture crates (names found by querying the
// seeded database once and checked by hand: 0.0.x or lone 0.1.0 crates with
// no normal dependency and no description or repository), plus a synthetic
// squatting burst and a crate whose only version needs an all-yanked crate.

const PLACEHOLDERS = [
  "asdf-qwer", "boltdb", "breakingbad", "can_deleted", "cratesio-placeholder-package", "entropy-tss-placeholder", "foo132", "g",
  "gollum05670_my_art", "jaeger", "libs", "luna", "my_first_cargo_library", "ooo", "openapi_test_davidkim", "otaku", "placeholder-brchd",
  "qwerasdfzxcv", "rs", "s50600822", "stjepang", "tc002learn_rust", "test-crate-0101010101", "test-crate-389fa73e8d52607bdfc89f74fbebb820",
  "test-crate-8b091970dd53", "test120232", "test123", "twitch", "zzz-ignore-this-test", "zzzz_rt_logic",
  "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
];
const ALL_YANKED = [
  "aaaaa-codec", "c", "can_deleted", "entropy-tss-placeholder", "foundation", "gollum05670_my_art", "hello-world-20240730", "libs",
  "my_first_cargo_library", "ooo", "openapi_test_davidkim", "placeholder-brchd", "test-crate-389fa73e8d52607bdfc89f74fbebb820", "test123",
  "test_241", "unbounded", "xxx", "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
];

async function withHeuristic(db: PrismaClient, heuristic: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name_lower: string }[]>(
    `SELECT name_lower FROM crate_heuristics WHERE $1 = ANY(heuristics) ORDER BY name_lower`,
    heuristic,
  );
  return rows.map((r) => r.name_lower);
}

/** A crate with one version (0.1.0 unless said), created at `createdAt`, owned by registry user `ownerId`. */
async function insertCrate(db: PrismaClient, name: string, createdAt: Date, ownerId: number | null, options: { description?: string; dependsOn?: string } = {}) {
  const [crate] = await db.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO crates (name, name_lower, description, created_at, updated_at, version_count) VALUES ($1, lower($1), $2, $3, $3, 1) RETURNING id`,
    name,
    options.description ?? null,
    createdAt,
  );
  const [version] = await db.$queryRawUnsafe<{ id: number }[]>(
    `INSERT INTO versions (crate_id, num, sort_key, checksum) VALUES ($1, '0.1.0', '0.1.0', 'x') RETURNING id`,
    crate!.id,
  );
  if (ownerId !== null) await db.$executeRawUnsafe(`INSERT INTO crate_owners (crate_id, kind, user_id) VALUES ($1, 'user', $2)`, crate!.id, ownerId);
  if (options.dependsOn) {
    await db.$executeRawUnsafe(
      `INSERT INTO dependencies (version_id, crate_name, crate_id, req, kind) SELECT $1, name, id, '*', 'normal' FROM crates WHERE name_lower = $2`,
      version!.id,
      options.dependsOn,
    );
  }
}

describe("refreshCrateHeuristics", () => {
  const database = useTestPrisma({ seeded: true });

  it("finds the fixture placeholders and fully yanked crates, and rewrites nothing when nothing changed", async () => {
    const db = database.prisma;
    const first = await refreshCrateHeuristics(db);
    expect(await withHeuristic(db, "placeholder")).toEqual(PLACEHOLDERS);
    expect(await withHeuristic(db, "all-yanked")).toEqual(ALL_YANKED);
    expect(await withHeuristic(db, "squatting-burst")).toEqual([]);
    expect(await withHeuristic(db, "depends-on-all-yanked")).toEqual([]);
    // Well-described crates get nothing.
    expect(await db.crateHeuristics.findUnique({ where: { nameLower: "serde" } })).toBeNull();
    expect(first.crates).toBe(49);
    expect(first.changed).toHaveLength(49);
    const second = await refreshCrateHeuristics(db);
    expect(second.changed).toEqual([]);
    expect(second.crates).toBe(49);
  });

  it("flags a burst of 10 near-empty crates from one owner within days, not the owner's crate outside the window", async () => {
    const db = database.prisma;
    await db.$executeRawUnsafe(`INSERT INTO registry_users (id, login) VALUES (990001, 'Squatter'), (990002, 'honest')`);
    const t = Date.parse("2025-01-01T00:00:00Z");
    for (let i = 0; i < 10; i++) await insertCrate(db, `squat-name-${i}`, new Date(t + i * 6 * 3600_000), 990001);
    await insertCrate(db, "squat-later", new Date(t + 30 * 86400_000), 990001);
    // 9 near-empty crates from another owner: under the threshold.
    for (let i = 0; i < 9; i++) await insertCrate(db, `honest-try-${i}`, new Date(t + i * 3600_000), 990002);
    // A crate whose only version needs `unbounded` (every version yanked).
    await insertCrate(db, "needs-yanked", new Date(t), null, { description: "Uses unbounded", dependsOn: "unbounded" });

    const result = await refreshCrateHeuristics(db);
    expect(await withHeuristic(db, "squatting-burst")).toEqual(Array.from({ length: 10 }, (_, i) => `squat-name-${i}`));
    expect(await withHeuristic(db, "depends-on-all-yanked")).toEqual(["needs-yanked"]);
    expect(result.changed).toContain("squat-later"); // new row: no description, no repository
    // Removed crates get nothing.
    await db.$executeRawUnsafe(`UPDATE crates SET removed_at = now() WHERE name_lower = 'squat-name-0'`);
    await refreshCrateHeuristics(db);
    expect(await db.crateHeuristics.findUnique({ where: { nameLower: "squat-name-0" } })).toBeNull();
    // The 9 left are under the threshold: no burst any more.
    expect(await withHeuristic(db, "squatting-burst")).toEqual([]);
    await db.$executeRawUnsafe(`UPDATE crates SET removed_at = NULL WHERE name_lower = 'squat-name-0'`);
    await db.$executeRawUnsafe(`UPDATE crates SET removed_at = now() WHERE name_lower = 'squat-later'`);
    await refreshCrateHeuristics(db);
    expect((await withHeuristic(db, "squatting-burst")).length).toBe(10);
  });

  it("loadCrateFacts: owners as user/<login> and team/<login>, keywords, categories, heuristics; removed crates skipped", async () => {
    const db = database.prisma;
    const all: string[] = [];
    for await (const batch of loadCrateFacts(db, { batchSize: 50 })) all.push(...batch.map((f) => f.nameLower));
    expect(all).toEqual([...all].sort());
    expect(new Set(all).size).toBe(all.length);
    expect(all).not.toContain("squat-later");
    const served = await db.crate.count({ where: { removedAt: null } });
    expect(all.length).toBe(served);
    const [serde] = await collect(loadCrateFacts(db, { names: ["Serde"] }));
    expect(serde!.nameLower).toBe("serde");
    expect(serde!.keywords).toContain("serialization");
    expect(serde!.owners.every((o) => /^(user|team)\/[a-z0-9_:-]+$/.test(o))).toBe(true);
    expect(serde!.owners.length).toBeGreaterThan(0);
    const [squat] = await collect(loadCrateFacts(db, { names: ["squat-name-1"] }));
    expect(squat!.owners).toEqual(["user/squatter"]);
    expect(squat!.heuristics).toContain("squatting-burst");
  });

  it("loadCrateFacts reads only the kinds of facts asked for, the same crates with the same heuristics", async () => {
    const db = database.prisma;
    const full = await collect(loadCrateFacts(db));
    const lean = await collect(loadCrateFacts(db, { kinds: { owners: false, keywords: true, categories: false } }));
    expect(lean.map((f) => f.nameLower)).toEqual(full.map((f) => f.nameLower));
    expect(lean.map((f) => f.heuristics)).toEqual(full.map((f) => f.heuristics));
    expect(lean.map((f) => f.keywords)).toEqual(full.map((f) => f.keywords));
    expect(lean.every((f) => f.owners.length === 0 && f.categories.length === 0)).toBe(true);
    expect(full.some((f) => f.owners.length > 0) && full.some((f) => f.categories.length > 0)).toBe(true);
  });
});

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
}
