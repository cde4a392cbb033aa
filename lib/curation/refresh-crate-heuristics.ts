import type { PrismaClient } from "../generated/prisma/client";

// The built-in heuristics, computed from registry data alone, in SQL, for
// every crate still in the registry (crates.removed_at IS NULL; removed crates
// get no row). Only crates for which at least one holds get a row in
// crate_heuristics. Definitions (keep this comment true to the SQL below):
//
// - placeholder:
//     ( (every version is 0.0.x, prereleases included,
//        OR the crate has exactly one version and it is 0.1.0)
//       AND no version has a normal dependency
//       AND (description is empty/null OR repository is null) )
//     OR the description matches `\y(reserved|placeholder|squat(ted|ting)?|name ?reservation)\y`
//        case-insensitively (PostgreSQL `~*`; `\y` is its word boundary, `\b` is not).
// - all-yanked: crates.all_yanked (computed by the ingest) OR every version is yanked.
// - no-description-no-repository: description empty/null AND repository null.
// - squatting-burst: the crate is near-empty — (description empty/null OR
//     repository null) AND at most one version AND no dependency of any kind —
//     and one of its user owners owns at least 10 near-empty crates (this one
//     included) created within 3.5 days either side of this crate's created_at.
//     Team owners are not counted (a team is not one person squatting).
// - depends-on-all-yanked: the crate has versions, and every one of them has
//     at least one normal, non-optional dependency on a crate (known to the
//     registry) whose every version is yanked.
//
// The whole table is recomputed into a temporary table, then only the rows that
// differ are written, in one transaction: readers never see a half-done refresh.

export const SQUATTING_BURST_MIN_CRATES = 10;
export const SQUATTING_BURST_HALF_WINDOW = "3.5 days";
export const PLACEHOLDER_DESCRIPTION_PATTERN = String.raw`\y(reserved|placeholder|squat(ted|ting)?|name ?reservation)\y`;

export interface HeuristicsRefresh {
  /** Crates with at least one heuristic after the refresh. */
  crates: number;
  seconds: number;
  /** Crates (name_lower) whose heuristics changed: rows added, removed or different. */
  changed: string[];
}

const computeSql = `
CREATE TEMP TABLE curation_new_heuristics ON COMMIT DROP AS
WITH live AS (
  SELECT c.id, c.name_lower, c.created_at, c.all_yanked,
         (c.description IS NULL OR btrim(c.description) = '') AS no_description,
         (c.repository IS NULL) AS no_repository,
         coalesce(c.description ~* '${PLACEHOLDER_DESCRIPTION_PATTERN}', false) AS says_placeholder
  FROM crates c WHERE c.removed_at IS NULL
),
vstats AS (
  SELECT v.crate_id, count(*) AS n,
         bool_and(v.num ~ '^0\\.0\\.') AS all_zero_zero,
         bool_and(v.num = '0.1.0') AS all_zero_one,
         bool_and(v.yanked) AS all_yanked
  FROM versions v JOIN live l ON l.id = v.crate_id
  GROUP BY v.crate_id
),
dstats AS (
  SELECT v.crate_id, bool_or(d.kind = 'normal') AS has_normal, true AS has_any
  FROM dependencies d JOIN versions v ON v.id = d.version_id JOIN live l ON l.id = v.crate_id
  GROUP BY v.crate_id
),
yanked_crates AS (
  -- Crates (removed ones too: a dependency on them is as broken) whose every version is yanked.
  SELECT c.id FROM crates c WHERE c.all_yanked
  UNION
  SELECT v.crate_id FROM versions v GROUP BY v.crate_id HAVING bool_and(v.yanked)
),
broken_version_ids AS (
  -- Versions with a normal, non-optional dependency on such a crate, found once through the
  -- crate_id index (a few thousand crates at full scale, one array computed once). Written as
  -- a per-version EXISTS, the check ran for each of 16 million dependencies (140 s at full
  -- scale); as a join, the planner overestimated the crates and read all of dependencies in
  -- crate_id order (60 s).
  SELECT DISTINCT d.version_id FROM dependencies d
  WHERE d.crate_id = ANY ((SELECT array_agg(y.id) FROM yanked_crates y)::int[]) AND d.kind = 'normal' AND NOT d.optional
),
broken_versions AS (
  SELECT v.crate_id, bool_and(b.version_id IS NOT NULL) AS every_version_broken
  FROM versions v JOIN live l ON l.id = v.crate_id LEFT JOIN broken_version_ids b ON b.version_id = v.id
  GROUP BY v.crate_id
),
facts AS (
  SELECT l.*, coalesce(vs.n, 0) AS version_count,
         coalesce(vs.all_zero_zero, false) AS all_zero_zero,
         coalesce(vs.n = 1 AND vs.all_zero_one, false) AS only_zero_one,
         coalesce(vs.all_yanked, false) AS every_version_yanked,
         coalesce(ds.has_normal, false) AS has_normal_dependency,
         coalesce(ds.has_any, false) AS has_dependency,
         coalesce(bv.every_version_broken, false) AS every_version_broken
  FROM live l
  LEFT JOIN vstats vs ON vs.crate_id = l.id
  LEFT JOIN dstats ds ON ds.crate_id = l.id
  LEFT JOIN broken_versions bv ON bv.crate_id = l.id
),
near_empty_owned AS (
  SELECT f.id, o.user_id, f.created_at
  FROM facts f JOIN crate_owners o ON o.crate_id = f.id AND o.kind = 'user' AND o.user_id IS NOT NULL
  WHERE (f.no_description OR f.no_repository) AND f.version_count <= 1 AND NOT f.has_dependency AND f.created_at IS NOT NULL
),
burst AS (
  SELECT DISTINCT id FROM (
    SELECT id, count(*) OVER (PARTITION BY user_id ORDER BY created_at
                              RANGE BETWEEN interval '${SQUATTING_BURST_HALF_WINDOW}' PRECEDING
                                        AND interval '${SQUATTING_BURST_HALF_WINDOW}' FOLLOWING) AS around
    FROM near_empty_owned
  ) w WHERE around >= ${SQUATTING_BURST_MIN_CRATES}
)
SELECT name_lower, heuristics FROM (
  SELECT f.name_lower, array_remove(ARRAY[
           CASE WHEN ((f.all_zero_zero OR f.only_zero_one) AND NOT f.has_normal_dependency AND (f.no_description OR f.no_repository))
                       OR f.says_placeholder THEN 'placeholder' END,
           CASE WHEN f.all_yanked OR f.every_version_yanked THEN 'all-yanked' END,
           CASE WHEN f.no_description AND f.no_repository THEN 'no-description-no-repository' END,
           CASE WHEN b.id IS NOT NULL THEN 'squatting-burst' END,
           CASE WHEN f.every_version_broken THEN 'depends-on-all-yanked' END
         ]::text[], NULL) AS heuristics
  FROM facts f LEFT JOIN burst b ON b.id = f.id
) h WHERE cardinality(heuristics) > 0`;

/**
 * Recomputes crate_heuristics from the registry tables (see the definitions
 * above), writing only the rows that changed. Returns how many crates have a
 * heuristic, how long it took and which crates changed (their verdicts need
 * re-evaluating, whatever else changed).
 */
export async function refreshCrateHeuristics(db: PrismaClient): Promise<HeuristicsRefresh> {
  const started = performance.now();
  const { crates, changed } = await db.$transaction(
    async (tx) => {
      // Two refreshes at once would both write the same rows; they take turns.
      await tx.$queryRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(hashtext('cratelist:refresh_crate_heuristics'))`);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '64MB'`);
      await tx.$executeRawUnsafe(computeSql);
      const rows = await tx.$queryRawUnsafe<{ name_lower: string }[]>(`
        WITH gone AS (
          DELETE FROM crate_heuristics h
          WHERE NOT EXISTS (SELECT 1 FROM curation_new_heuristics n WHERE n.name_lower = h.name_lower)
          RETURNING h.name_lower
        ), upserted AS (
          INSERT INTO crate_heuristics (name_lower, heuristics)
          SELECT name_lower, heuristics FROM curation_new_heuristics
          ON CONFLICT (name_lower) DO UPDATE SET heuristics = EXCLUDED.heuristics
          WHERE crate_heuristics.heuristics IS DISTINCT FROM EXCLUDED.heuristics
          RETURNING crate_heuristics.name_lower
        )
        SELECT name_lower FROM gone UNION ALL SELECT name_lower FROM upserted`);
      const count = await tx.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM curation_new_heuristics`);
      return { crates: count[0]?.n ?? 0, changed: rows.map((r) => r.name_lower) };
    },
    { maxWait: 30_000, timeout: 10 * 60_000 },
  );
  return { crates, changed, seconds: (performance.now() - started) / 1000 };
}
