import { beforeAll, describe, expect, it } from "vitest";
import { useTestPrisma } from "../../test/test-database";
import type { PrismaClient } from "../generated/prisma/client";
import { semverSortKey } from "../registry/semver-sort-key";
import { listTopTrendingCrates, listTrendingCrates, TRENDING_LIMIT } from "./list-trending-crates";
import { refreshDownloadTrends } from "./refresh-download-trends";
import { trendScore } from "./trend-score";

// Trends on the fixtures plus synthetic crates whose two periods are set by
// hand. Periods end at the registry's last download day L: recent is
// L-27..L, previous L-55..L-28.

const SYNTHETIC: { name: string; previous: number; recent: number }[] = [
  { name: "trend-tiny", previous: 2, recent: 40 },
  { name: "trend-big", previous: 50_000, recent: 120_000 },
  { name: "trend-below-minimum", previous: 40, recent: 450 },
  { name: "trend-small-jump", previous: 300, recent: 2_000 },
  { name: "trend-new", previous: 0, recent: 8_000 },
  { name: "trend-shrinking", previous: 80_000, recent: 20_000 },
];

async function insertSyntheticCrates(db: PrismaClient): Promise<void> {
  const [{ last }] = (await db.$queryRawUnsafe<{ last: string }[]>(`SELECT to_char(max(date), 'YYYY-MM-DD') AS last FROM version_downloads`)) as [
    { last: string },
  ];
  for (const { name, previous, recent } of SYNTHETIC) {
    const [crate] = await db.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO crates (name, name_lower, downloads) VALUES ($1, $1, $2) RETURNING id`,
      name,
      previous + recent,
    );
    const versions = ["1.0.0", "1.1.0"];
    await db.version.createMany({ data: versions.map((num) => ({ crateId: crate!.id, num, sortKey: semverSortKey(num).key, checksum: "0" })) });
    const ids = (await db.version.findMany({ where: { crateId: crate!.id }, orderBy: { num: "asc" }, select: { id: true } })).map((v) => v.id);
    // Split over two versions and several days; the boundary days (L-28 previous, L-27 recent) and a day
    // before both periods (L-56, must not count) are included.
    const rows: [versionId: number, daysBack: number, downloads: number][] = [
      [ids[0]!, 28, Math.floor(previous / 2)],
      [ids[1]!, 55, previous - Math.floor(previous / 2)],
      [ids[0]!, 27, Math.floor(recent / 3)],
      [ids[1]!, 0, recent - Math.floor(recent / 3)],
      [ids[1]!, 56, 1_000_000],
    ];
    for (const [versionId, daysBack, downloads] of rows) {
      if (downloads === 0) continue;
      await db.$executeRawUnsafe(
        `INSERT INTO version_downloads (version_id, date, downloads) VALUES ($1, $2::date - $3::int, $4)
         ON CONFLICT (version_id, date) DO UPDATE SET downloads = version_downloads.downloads + EXCLUDED.downloads`,
        versionId,
        last,
        daysBack,
        downloads,
      );
    }
  }
}

async function trendOf(db: PrismaClient, name: string) {
  const [row] = await db.$queryRawUnsafe<{ recent: bigint; previous: bigint; score: number }[]>(
    `SELECT t.recent, t.previous, t.score FROM crate_download_trends t JOIN crates c ON c.id = t.crate_id WHERE c.name = $1`,
    name,
  );
  return row ? { recent: Number(row.recent), previous: Number(row.previous), score: row.score } : null;
}

describe("download trends", () => {
  const database = useTestPrisma({ seeded: true });

  beforeAll(async () => {
    await insertSyntheticCrates(database.prisma);
  });

  it("sums the two 28-day periods per crate, as direct SQL does", async () => {
    const db = database.prisma;
    const result = await refreshDownloadTrends(db);
    const [expected] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(DISTINCT v.crate_id)::int AS n FROM version_downloads vd JOIN versions v ON v.id = vd.version_id
       WHERE vd.date > (SELECT max(date) FROM version_downloads) - 56`,
    );
    expect(result.crates).toBe(expected!.n);
    expect(result.seconds).toBeGreaterThan(0);
    expect(await db.crateDownloadTrend.count()).toBe(result.crates);

    for (const name of ["serde", "tokio"]) {
      const [direct] = await db.$queryRawUnsafe<{ recent: bigint; previous: bigint }[]>(
        `SELECT sum(vd.downloads) FILTER (WHERE vd.date > m.last - 28) AS recent,
                sum(vd.downloads) FILTER (WHERE vd.date <= m.last - 28 AND vd.date > m.last - 56) AS previous
         FROM version_downloads vd JOIN versions v ON v.id = vd.version_id JOIN crates c ON c.id = v.crate_id,
              (SELECT max(date) AS last FROM version_downloads) m
         WHERE c.name = $1`,
        name,
      );
      const trend = await trendOf(db, name);
      expect(trend).toMatchObject({ recent: Number(direct!.recent), previous: Number(direct!.previous) });
      expect(trend!.score).toBeCloseTo(trendScore(trend!.recent, trend!.previous), 9);
    }
    for (const { name, previous, recent } of SYNTHETIC) {
      const trend = await trendOf(db, name);
      expect(trend, name).toMatchObject({ recent, previous });
      // The SQL formula is the TypeScript one.
      expect(trend!.score, name).toBeCloseTo(trendScore(recent, previous), 9);
    }
  });

  it("damps small numbers: a tiny crate's big ratio ranks below a big crate's moderate growth; below the minimum scores 0", async () => {
    const db = database.prisma;
    await refreshDownloadTrends(db);
    const big = (await trendOf(db, "trend-big"))!;
    expect(big.score).toBeGreaterThan(0.5);
    expect((await trendOf(db, "trend-tiny"))!.score).toBe(0);
    expect((await trendOf(db, "trend-below-minimum"))!.score).toBe(0);
    expect((await trendOf(db, "trend-small-jump"))!.score).toBeGreaterThan(0);
    expect((await trendOf(db, "trend-small-jump"))!.score).toBeLessThan(big.score);
    expect((await trendOf(db, "trend-shrinking"))!.score).toBeLessThan(0);

    const listed = await listTrendingCrates(db, { page: 1, perPage: 500 });
    const names = listed.items.map((c) => c.name);
    expect(names.indexOf("trend-big")).toBeLessThan(names.indexOf("trend-small-jump"));
    for (const name of ["trend-tiny", "trend-below-minimum", "trend-shrinking"]) expect(names).not.toContain(name);
    expect(names).toContain("trend-new");
    expect(listed.total).toBe(listed.items.length);
    expect(listed.hidden).toBeNull();
    const scores = listed.items.map((c) => c.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const c of listed.items) expect(c.score).toBeGreaterThan(0);

    const bigItem = listed.items.find((c) => c.name === "trend-big")!;
    expect(bigItem).toMatchObject({ recent: 120_000, previous: 50_000 });
    expect(bigItem.growth).toBeCloseTo(1.4, 9);
    expect(listed.items.find((c) => c.name === "trend-new")!.growth).toBeNull();
  });

  it("pages through the list", async () => {
    const db = database.prisma;
    await refreshDownloadTrends(db);
    const all = await listTrendingCrates(db, { page: 1, perPage: 500 });
    const first = await listTrendingCrates(db, { page: 1, perPage: 3 });
    const second = await listTrendingCrates(db, { page: 2, perPage: 3 });
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((c) => c.name)).toEqual(all.items.slice(0, 6).map((c) => c.name));
  });

  it("leaves out and counts the crates a view hides, lists them marked on request, and puts demoted ones last", async () => {
    const db = database.prisma;
    await refreshDownloadTrends(db);
    const view = await db.view.create({ data: { slug: "trend-test-view", title: "Trend test" } });
    await db.crateVerdict.createMany({
      data: [
        { viewId: view.id, nameLower: "trend-big", action: "hide", sources: {} },
        { viewId: view.id, nameLower: "trend-new", action: "demote", sources: {} },
        // A hidden crate that is not trending is not counted.
        { viewId: view.id, nameLower: "trend-tiny", action: "hide", sources: {} },
      ],
    });
    const unfiltered = await listTrendingCrates(db, { page: 1, perPage: 500 });

    const scoped = await listTrendingCrates(db, { page: 1, perPage: 500 }, { viewId: view.id, showHidden: false });
    expect(scoped.items.map((c) => c.name)).not.toContain("trend-big");
    expect(scoped.hidden).toBe(1);
    expect(scoped.total).toBe(unfiltered.total - 1);
    expect(scoped.items.at(-1)!.name).toBe("trend-new");
    expect(scoped.items.at(-1)!.curation?.action).toBe("demote");

    const showing = await listTrendingCrates(db, { page: 1, perPage: 500 }, { viewId: view.id, showHidden: true });
    expect(showing.total).toBe(unfiltered.total);
    expect(showing.hidden).toBe(1);
    expect(showing.items.find((c) => c.name === "trend-big")?.curation?.action).toBe("hide");

    // The home page's short list: the same crates, in the same order, without the count.
    const top = await listTopTrendingCrates(db, 5, { viewId: view.id, showHidden: false });
    expect(top.map((c) => c.name)).toEqual(scoped.items.slice(0, 5).map((c) => c.name));
    expect((await listTopTrendingCrates(db, 5)).map((c) => c.name)).toEqual(unfiltered.items.slice(0, 5).map((c) => c.name));
  });

  it(`holds the ${TRENDING_LIMIT} best scores at most`, async () => {
    const db = database.prisma;
    await refreshDownloadTrends(db);
    await db.$executeRawUnsafe(`
      WITH made AS (
        INSERT INTO crates (name, name_lower) SELECT 'cap-' || i, 'cap-' || i FROM generate_series(1, ${TRENDING_LIMIT + 100}) i RETURNING id, name)
      INSERT INTO crate_download_trends (crate_id, recent, previous, score)
      SELECT id, 100000, 1000, 100 + substr(name, 5)::int FROM made`);
    const first = await listTrendingCrates(db, { page: 1, perPage: 25 });
    expect(first.total).toBe(TRENDING_LIMIT);
    expect(first.items[0]!.name).toBe(`cap-${TRENDING_LIMIT + 100}`);
    expect((await listTrendingCrates(db, { page: TRENDING_LIMIT / 25, perPage: 25 })).items).toHaveLength(25);
    expect((await listTrendingCrates(db, { page: TRENDING_LIMIT / 25 + 1, perPage: 25 })).items).toHaveLength(0);
    expect((await listTopTrendingCrates(db, 3)).map((c) => c.name)).toEqual(first.items.slice(0, 3).map((c) => c.name));
  });

  it("replaces the figures on each refresh, and two refreshes at once take turns", async () => {
    const db = database.prisma;
    const [a, b] = await Promise.all([refreshDownloadTrends(db), refreshDownloadTrends(db)]);
    expect(a.crates).toBe(b.crates);
    expect(await db.crateDownloadTrend.count()).toBe(a.crates);
    await db.$executeRawUnsafe(`DELETE FROM version_downloads WHERE version_id IN (SELECT v.id FROM versions v JOIN crates c ON c.id = v.crate_id WHERE c.name = 'trend-big')`);
    const stamp = async (name: string) =>
      (await db.crateDownloadTrend.findFirstOrThrow({ where: { crate: { name } }, select: { computedAt: true } })).computedAt.getTime();
    const serdeBefore = await stamp("serde");
    await db.$executeRawUnsafe(
      `UPDATE version_downloads SET downloads = downloads + 1000 WHERE date = (SELECT max(date) FROM version_downloads)
       AND version_id IN (SELECT v.id FROM versions v JOIN crates c ON c.id = v.crate_id WHERE c.name = 'trend-new')`,
    );
    const newBefore = await stamp("trend-new");
    const after = await refreshDownloadTrends(db);
    expect(after.crates).toBe(a.crates - 1);
    expect(await trendOf(db, "trend-big")).toBeNull();
    // Only the rows that changed are written.
    expect((await trendOf(db, "trend-new"))!.recent).toBe(9_000);
    expect(await stamp("trend-new")).toBeGreaterThan(newBefore);
    expect(await stamp("serde")).toBe(serdeBefore);
  });
});
