import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import { freshness, rankBreakdown } from "./rank-score";

// crate_quality() (SQL, used to sort) and rankBreakdown() (TypeScript, shown
// to people) must be one formula.
describe("the quality score", () => {
  const database = useTestPrisma({ seeded: true });

  it("is the same in SQL and in TypeScript for every fixture crate", async () => {
    const rows = await database.prisma.$queryRaw<
      { downloads: bigint; recent_downloads: bigint; reverse_dependency_count: number; updated_at: Date | null; all_yanked: boolean; quality: number; now: Date }[]
    >`SELECT downloads, recent_downloads, reverse_dependency_count, updated_at, all_yanked, now() AS now,
        crate_quality(downloads, recent_downloads, reverse_dependency_count, updated_at, all_yanked) AS quality
      FROM crates`;
    expect(rows.length).toBeGreaterThan(200);
    expect(rows.some((r) => r.all_yanked)).toBe(true);
    for (const row of rows) {
      const facts = {
        downloads: Number(row.downloads),
        recentDownloads: Number(row.recent_downloads),
        reverseDependencies: row.reverse_dependency_count,
        updatedAt: row.updated_at,
        allYanked: row.all_yanked,
      };
      expect(rankBreakdown(facts, null, false, row.now).quality).toBeCloseTo(row.quality, 9);
    }
  });

  it("rises with each signal and sinks for an all-yanked crate", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    const base = { downloads: 1000, recentDownloads: 100, reverseDependencies: 3, updatedAt: new Date("2026-06-01T00:00:00Z"), allYanked: false };
    const quality = (facts: typeof base) => rankBreakdown(facts, null, false, now).quality;
    expect(quality({ ...base, downloads: 10_000 })).toBeGreaterThan(quality(base));
    expect(quality({ ...base, recentDownloads: 10_000 })).toBeGreaterThan(quality(base));
    expect(quality({ ...base, reverseDependencies: 300 })).toBeGreaterThan(quality(base));
    expect(quality({ ...base, updatedAt: now })).toBeGreaterThan(quality(base));
    expect(quality({ ...base, allYanked: true })).toBeCloseTo(quality(base) * 0.2, 12);
    expect(quality({ downloads: 1e12, recentDownloads: 1e12, reverseDependencies: 1e9, updatedAt: now, allYanked: false })).toBeCloseTo(1, 12);
  });

  it("halves freshness every two years and counts an unknown date as old", () => {
    const now = new Date("2026-12-01T00:00:00Z");
    expect(freshness(new Date(now.getTime() - 730 * 86_400_000), now)).toBeCloseTo(0.5, 12);
    expect(freshness(null, now)).toBe(0);
  });
});
