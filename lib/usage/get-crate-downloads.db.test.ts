import { describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { PrismaClient } from "../generated/prisma/client";
import { semverSortKey } from "../registry/semver-sort-key";
import { getCrateDownloads } from "./get-crate-downloads";
import { movingAverage } from "./moving-average";

// The downloads series against the ingested fixtures (the fixture dump's
// version_downloads end on 2026-11-30), checked against direct SQL sums.

async function crateId(db: PrismaClient, name: string): Promise<number> {
  const crate = await db.crate.findUnique({ where: { nameLower: name.toLowerCase() }, select: { id: true } });
  if (!crate) throw new Error(`fixture crate ${name} missing`);
  return crate.id;
}

async function lastDay(db: PrismaClient): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ d: string }[]>(`SELECT to_char(max(date), 'YYYY-MM-DD') AS d FROM version_downloads`);
  return row!.d;
}

/** Per-version totals over the 90-day window, straight from version_downloads, most first. */
async function versionSums(db: PrismaClient, id: number): Promise<{ num: string; sum: number }[]> {
  const rows = await db.$queryRawUnsafe<{ num: string; sum: bigint }[]>(
    `SELECT v.num, sum(vd.downloads)::bigint AS sum FROM versions v JOIN version_downloads vd ON vd.version_id = v.id
     WHERE v.crate_id = $1 AND vd.date > (SELECT max(date) FROM version_downloads) - 90
     GROUP BY v.num, v.sort_key ORDER BY sum DESC, v.sort_key COLLATE "C" DESC`,
    id,
  );
  return rows.map((r) => ({ num: r.num, sum: Number(r.sum) }));
}

describe("getCrateDownloads on the fixtures", () => {
  const database = useTestPrisma({ seeded: true });

  it("gives 90 consecutive days ending at the registry's last download day, with totals equal to SQL sums", async () => {
    const db = database.prisma;
    for (const name of ["serde", "tokio", "cfg-if"]) {
      const id = await crateId(db, name);
      const series = (await getCrateDownloads(db, id))!;
      expect(series.days).toHaveLength(90);
      expect(series.days.at(-1)).toBe(await lastDay(db));
      series.days.forEach((day, i) => {
        if (i > 0) expect(Date.parse(day) - Date.parse(series.days[i - 1]!)).toBe(86_400_000);
      });
      expect(series.total).toHaveLength(90);

      const perDay = await db.$queryRawUnsafe<{ day: string; n: bigint }[]>(
        `SELECT to_char(vd.date, 'YYYY-MM-DD') AS day, sum(vd.downloads)::bigint AS n FROM versions v
         JOIN version_downloads vd ON vd.version_id = v.id WHERE v.crate_id = $1 GROUP BY 1`,
        id,
      );
      const expected = new Map(perDay.map((r) => [r.day, Number(r.n)]));
      series.days.forEach((day, i) => expect(series.total[i], `${name} ${day}`).toBe(expected.get(day) ?? 0));
      expect(series.sum90).toBe([...expected.values()].reduce((a, b) => a + b, 0));
      expect(series.sum90).toBeGreaterThan(0);

      const crate = await db.crate.findUniqueOrThrow({ where: { id }, select: { downloads: true, recentDownloads: true } });
      expect(series.allTime).toBe(Number(crate.downloads));
      expect(series.average7).toEqual(movingAverage(series.total, 7));
      expect(series.average7.slice(0, 6)).toEqual([null, null, null, null, null, null]);
      expect(series.average7[6]).not.toBeNull();

      // The versions add up to the total, day by day.
      series.days.forEach((_, i) => expect(series.versions.reduce((a, v) => a + v.daily[i]!, 0)).toBe(series.total[i]));
      for (const v of series.versions) expect(v.sum).toBe(v.daily.reduce((a, b) => a + b, 0));
    }
  });

  it("breaks out the most downloaded versions in order, the rest as one 'other' entry", async () => {
    const db = database.prisma;
    const id = await crateId(db, "serde");
    const sums = await versionSums(db, id);
    expect(sums.length).toBeGreaterThanOrEqual(3);

    const all = (await getCrateDownloads(db, id))!;
    expect(all.versions.map((v) => v.num)).toEqual(sums.slice(0, 4).map((s) => s.num));
    expect(all.versions.map((v) => v.sum)).toEqual(sums.slice(0, 4).map((s) => s.sum));
    expect(all.versions.some((v) => v.num === "other")).toBe(sums.length > 4);

    const two = (await getCrateDownloads(db, id, { topVersions: 2 }))!;
    expect(two.versions.map((v) => v.num)).toEqual([sums[0]!.num, sums[1]!.num, "other"]);
    expect(two.versions[2]!.sum).toBe(sums.slice(2).reduce((a, s) => a + s.sum, 0));
    expect(two.total).toEqual(all.total);

    const none = (await getCrateDownloads(db, id, { topVersions: 0 }))!;
    expect(none.versions).toHaveLength(1);
    expect(none.versions[0]).toMatchObject({ num: "other", daily: all.total, sum: all.sum90 });

    await expect(getCrateDownloads(db, id, { topVersions: -1 })).rejects.toThrow(RangeError);
  });

  it("gives a crate without daily downloads the same window, all zeros; null for an unknown crate", async () => {
    const db = database.prisma;
    const [quiet] = await db.$queryRawUnsafe<{ id: number; downloads: bigint }[]>(
      `SELECT c.id, c.downloads FROM crates c WHERE NOT EXISTS (
         SELECT 1 FROM versions v JOIN version_downloads vd ON vd.version_id = v.id WHERE v.crate_id = c.id) ORDER BY c.name LIMIT 1`,
    );
    expect(quiet, "the fixtures have crates without daily downloads").toBeDefined();
    const series = (await getCrateDownloads(db, quiet!.id))!;
    expect(series.days).toHaveLength(90);
    expect(series.days.at(-1)).toBe(await lastDay(db));
    expect(series.total).toEqual(new Array(90).fill(0));
    expect(series.versions).toEqual([]);
    expect(series.sum90).toBe(0);
    expect(series.allTime).toBe(Number(quiet!.downloads));
    expect(await getCrateDownloads(db, 2_000_000_000)).toBeNull();
  });

  it("stays fast and correct for a crate with hundreds of versions downloaded every day", async () => {
    const db = database.prisma;
    const last = await lastDay(db);
    const [crate] = await db.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO crates (name, name_lower, downloads) VALUES ('many-versions', 'many-versions', 1) RETURNING id`,
    );
    const nums = Array.from({ length: 400 }, (_, k) => `0.${Math.floor(k / 20)}.${k % 20}`);
    await db.version.createMany({ data: nums.map((num) => ({ crateId: crate!.id, num, sortKey: semverSortKey(num).key, checksum: "0" })) });
    // Version k gets k + 1 downloads a day: the highest versions are the top ones.
    await db.$executeRawUnsafe(
      `INSERT INTO version_downloads (version_id, date, downloads)
       SELECT v.id, d::date, row_number() OVER (PARTITION BY d ORDER BY v.sort_key COLLATE "C")
       FROM versions v, generate_series($2::date - 89, $2::date, interval '1 day') d WHERE v.crate_id = $1`,
      crate!.id,
      last,
    );
    const started = performance.now();
    const series = (await getCrateDownloads(db, crate!.id))!;
    const ms = performance.now() - started;
    expect(series.versions.map((v) => v.num)).toEqual(["0.19.19", "0.19.18", "0.19.17", "0.19.16", "other"]);
    expect(series.versions[0]!.daily).toEqual(new Array(90).fill(400));
    expect(series.total).toEqual(new Array(90).fill((400 * 401) / 2));
    expect(series.versions.at(-1)!.sum).toBe(90 * ((396 * 397) / 2));
    expect(ms).toBeLessThan(2_000);
  });
});
