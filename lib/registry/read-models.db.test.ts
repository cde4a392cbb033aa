import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { getCategory } from "./get-category";
import { getCrate, type CrateDetail } from "./get-crate";
import { getKeyword } from "./get-keyword";
import { getVersion } from "./get-version";
import { listCategories } from "./list-categories";
import { listCategoryCrates } from "./list-category-crates";
import { listDependencies } from "./list-dependencies";
import { listDependents } from "./list-dependents";
import { listKeywordCrates } from "./list-keyword-crates";
import { listPopularCrates } from "./list-popular-crates";
import { listRecentCrates } from "./list-recent-crates";
import { listVersions } from "./list-versions";
import { semverSortKey } from "./semver-sort-key";

// The read models against the ingested fixtures. Assertions are stated as
// properties (orderings, totals agreeing with stored counts) so they hold for
// any faithful ingest of the fixture slice.
describe("registry read models on the fixtures", () => {
  const database = useTestPrisma({ seeded: true });

  const crate = async (name: string): Promise<CrateDetail> => {
    const found = await getCrate(database.prisma, name);
    if (!found) throw new Error(`fixture crate ${name} missing`);
    return found;
  };

  it("finds a crate case-insensitively, with - and _ as the same character", async () => {
    expect((await getCrate(database.prisma, "SERDE"))?.name).toBe("serde");
    expect((await getCrate(database.prisma, "serde-json"))?.name).toBe("serde_json");
    expect((await getCrate(database.prisma, "Serde-JSON"))?.name).toBe("serde_json");
    expect((await getCrate(database.prisma, "openapi-test-davidkim"))?.name).toBe("openAPI_test_davidkim");
    expect(await getCrate(database.prisma, "no-such-crate-here")).toBeNull();
    expect(await getCrate(database.prisma, "  ")).toBeNull();
  });

  it("returns plain values: numbers for counts, a default version with its features", async () => {
    const tokio = await crate("tokio");
    expect(typeof tokio.downloads).toBe("number");
    expect(typeof tokio.recentDownloads).toBe("number");
    expect(tokio.defaultVersion).not.toBeNull();
    expect(typeof tokio.defaultVersion?.downloads).toBe("number");
    expect(Object.keys(tokio.defaultVersion?.features ?? {})).toContain("full");
    expect(await getVersion(database.prisma, tokio.id, "0.0.0-not-a-version")).toBeNull();
  });

  it("lists every version highest first, the default being the highest stable non-yanked one", async () => {
    for (const name of ["tokio", "serde", "http", "generic-array", "tinyvec"]) {
      const detail = await crate(name);
      const versions = await listVersions(database.prisma, detail.id);
      expect(versions).toHaveLength(await database.prisma.version.count({ where: { crateId: detail.id } }));
      const keys = versions.map((v) => semverSortKey(v.num).key);
      for (let i = 1; i < keys.length; i++) expect(keys[i - 1]! >= keys[i]!).toBe(true);
      expect(versions.find((v) => !v.yanked && !v.prerelease)?.num).toBe(detail.defaultVersion?.num);
    }
  });

  it("groups a version's dependencies by kind and links only crates we have", async () => {
    const tokio = await crate("tokio");
    const versionId = tokio.defaultVersion!.id;
    const grouped = await listDependencies(database.prisma, versionId);
    for (const kind of ["normal", "build", "dev"] as const) {
      expect(grouped[kind]).toHaveLength(await database.prisma.dependency.count({ where: { versionId, kind } }));
    }
    const all = [...grouped.normal, ...grouped.build, ...grouped.dev];
    expect(all.filter((d) => d.knownCrateName === null)).toHaveLength(
      await database.prisma.dependency.count({ where: { versionId, crateId: null } }),
    );
    expect(grouped.normal.find((d) => d.crateName === "bytes")?.knownCrateName).toBe("bytes");
  });

  it("lists direct dependents: the stored count, most downloaded first, no fully yanked crate", async () => {
    for (const name of ["tokio", "serde", "libc"]) {
      const detail = await crate(name);
      const all = await listDependents(database.prisma, detail.id, { page: 1, perPage: 1000 });
      expect(all.total).toBe(detail.reverseDependencyCount);
      expect(all.items).toHaveLength(all.total);
      for (let i = 1; i < all.items.length; i++) {
        expect(all.items[i - 1]!.downloads).toBeGreaterThanOrEqual(all.items[i]!.downloads);
      }
      const yanked = await database.prisma.crate.count({ where: { name: { in: all.items.map((d) => d.name) }, allYanked: true } });
      expect(yanked).toBe(0);
      expect(all.items.every((d) => d.reqs.length > 0)).toBe(true);

      const second = await listDependents(database.prisma, detail.id, { page: 2, perPage: 3 });
      expect(second.total).toBe(all.total);
      expect(second.items.map((d) => d.name)).toEqual(all.items.slice(3, 6).map((d) => d.name));
    }
  });

  it("lists popular and recent crates in their orders, without fully yanked crates", async () => {
    const popular = await listPopularCrates(database.prisma, 15);
    expect(popular.length).toBeGreaterThan(0);
    for (let i = 1; i < popular.length; i++) {
      const [a, b] = [popular[i - 1]!, popular[i]!];
      expect(a.reverseDependencies > b.reverseDependencies || (a.reverseDependencies === b.reverseDependencies && a.downloads >= b.downloads)).toBe(true);
    }
    const recent = await listRecentCrates(database.prisma, 15);
    for (let i = 1; i < recent.length; i++) {
      expect(recent[i - 1]!.updatedAt!.getTime()).toBeGreaterThanOrEqual(recent[i]!.updatedAt!.getTime());
    }
    const names = [...popular, ...recent].map((c) => c.name);
    expect(await database.prisma.crate.count({ where: { name: { in: names }, allYanked: true } })).toBe(0);
  });

  it("lists categories by name and pages through a category's crates", async () => {
    const categories = await listCategories(database.prisma);
    expect(categories.length).toBeGreaterThan(0);
    const names = categories.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // A category counts the crates of its subcategories too.
    for (const child of categories.filter((c) => c.slug.includes("::"))) {
      const parent = categories.find((c) => c.slug === child.slug.slice(0, child.slug.lastIndexOf("::")));
      if (parent) expect(parent.crateCount).toBeGreaterThanOrEqual(child.crateCount);
    }

    const busiest = [...categories].sort((a, b) => b.crateCount - a.crateCount)[0]!;
    const category = await getCategory(database.prisma, busiest.slug);
    expect(category?.crateCount).toBe(busiest.crateCount);
    const first = await listCategoryCrates(database.prisma, category!.slug, { page: 1, perPage: 2 });
    const second = await listCategoryCrates(database.prisma, category!.slug, { page: 2, perPage: 2 });
    expect(first.total).toBe(busiest.crateCount);
    expect(first.items.map((c) => c.name)).not.toContain(second.items[0]?.name);
    expect(await getCategory(database.prisma, "no-such-category")).toBeNull();
  });

  it("finds a keyword and lists its crates", async () => {
    const keyword = await getKeyword(database.prisma, "ASYNC");
    expect(keyword?.keyword).toBe("async");
    const crates = await listKeywordCrates(database.prisma, keyword!.id, { page: 1, perPage: 50 });
    expect(crates.total).toBe(keyword!.crateCount);
    expect(crates.items.map((c) => c.name)).toContain("tokio");
    expect(await getKeyword(database.prisma, "no-such-keyword")).toBeNull();
  });
});
