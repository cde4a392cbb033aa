import type pg from "pg";
import { deriveCrateFacts } from "./merge-staged";
import { timedQuery, type Query } from "./timed-query";

// (dependent, target) pairs that count: the dependent's default version has a
// normal or build dependency on the target, the dependent is not wholly yanked
// and not removed, and does not depend on itself (as in deriveCrateFacts).
const COUNTED_EDGES = `SELECT DISTINCT c.id AS dependent, d.crate_id AS target
    FROM crates c JOIN dependencies d ON d.version_id = c.default_version_id
    WHERE NOT c.all_yanked AND c.removed_at IS NULL AND d.kind <> 'dev' AND d.crate_id IS NOT NULL AND d.crate_id <> c.id`;

/**
 * Reverse-dependency counts change only through the edges of the crates this
 * sync touched: each target gains one per new edge and loses one per edge
 * gone. Recounting the targets instead would read every dependency row that
 * points at them, which for the most depended-on crates is most of the table.
 */
async function applyEdgeDeltas(q: Query): Promise<void> {
  await q(`CREATE TEMP TABLE st_new_edges ON COMMIT DROP AS ${COUNTED_EDGES} AND c.id IN (SELECT id FROM st_sync_scope)`);
  await q(`UPDATE crates t SET reverse_dependency_count = t.reverse_dependency_count + s.delta
    FROM (SELECT target, sum(w)::int AS delta FROM (
            (SELECT dependent, target, 1 AS w FROM st_new_edges EXCEPT SELECT dependent, target, 1 FROM st_old_edges)
            UNION ALL
            (SELECT dependent, target, -1 FROM st_old_edges EXCEPT SELECT dependent, target, -1 FROM st_new_edges)
          ) x GROUP BY target) s
    WHERE t.id = s.target AND s.delta <> 0`);
}

/**
 * Merges an index sync inside its transaction: the crates whose files were
 * staged (st_index_version, st_index_dep, st_index_file) get exactly the
 * staged versions and dependencies; crates named in `deleted` left the index
 * and are marked removed, keeping their rows. Everything else is untouched, so
 * the cost follows the number of changed files, not the size of the registry.
 */
export async function mergeIndexChanges(
  client: pg.ClientBase,
  deleted: string[],
  log: (message: string) => void = () => {},
  /** Told what each statement does while it runs (timedQuery), for progress. */
  onStatement?: (what: string | null) => void,
): Promise<{ changedCrates: number; removedCrates: number }> {
  const q = timedQuery(client, log, onStatement);
  await q(`ANALYZE st_index_version`);
  await q(`ANALYZE st_index_dep`);
  // The dependency edges that count towards reverse-dependency counts, of the
  // crates this sync touches, before it touches them (see applyEdgeDeltas).
  await q(`CREATE TEMP TABLE st_old_edges ON COMMIT DROP AS ${COUNTED_EDGES}
      AND (c.name_lower IN (SELECT name_lower FROM st_index_version) OR c.name_lower = ANY($1))`, [deleted]);
  const removed = await q(`UPDATE crates SET removed_at = now() WHERE name_lower = ANY($1) AND removed_at IS NULL`, [deleted]);
  await q(`DELETE FROM index_files WHERE name_lower = ANY($1)`, [deleted]);
  await q(`INSERT INTO index_files AS f (name_lower, path, size, mtime_ms, sha256, etag, last_modified)
    SELECT name_lower, path, size, mtime_ms, sha256, etag, last_modified FROM st_index_file
    ON CONFLICT (name_lower) DO UPDATE SET path = EXCLUDED.path, size = EXCLUDED.size, mtime_ms = EXCLUDED.mtime_ms,
      sha256 = EXCLUDED.sha256, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified, synced_at = now()`);

  // New crates come in; a crate that came back is no longer removed.
  await q(`INSERT INTO crates (name, name_lower)
    SELECT DISTINCT ON (name_lower) name, name_lower FROM st_index_version ORDER BY name_lower, line
    ON CONFLICT (name_lower) DO UPDATE SET name = EXCLUDED.name, removed_at = NULL
    WHERE crates.name IS DISTINCT FROM EXCLUDED.name OR crates.removed_at IS NOT NULL`);
  await q(`CREATE TEMP TABLE st_changed_crate ON COMMIT DROP AS
    SELECT c.id, c.name_lower FROM crates c WHERE c.name_lower IN (SELECT name_lower FROM st_index_version)`);
  await q(`CREATE TEMP TABLE st_sync_scope ON COMMIT DROP AS
    SELECT id FROM st_changed_crate UNION SELECT id FROM crates WHERE name_lower = ANY($1)`, [deleted]);

  const indexColumns = ["sort_key", "prerelease", "yanked", "checksum", "features", "rust_version", "links", "index_schema"];
  await q(`INSERT INTO versions (crate_id, num, ${indexColumns.join(", ")}, published_at)
    SELECT c.id, iv.num, iv.sort_key, iv.prerelease, iv.yanked, iv.checksum, iv.features, iv.rust_version, iv.links, iv.v, iv.pubtime
    FROM st_index_version iv JOIN st_changed_crate c ON c.name_lower = iv.name_lower
    ON CONFLICT (crate_id, num) DO UPDATE SET ${indexColumns.map((c) => `${c} = EXCLUDED.${c}`).join(", ")},
      published_at = COALESCE(EXCLUDED.published_at, versions.published_at)
    WHERE (${indexColumns.map((c) => `versions.${c}`).join(", ")}) IS DISTINCT FROM (${indexColumns.map((c) => `EXCLUDED.${c}`).join(", ")})
      OR (EXCLUDED.published_at IS NOT NULL AND versions.published_at IS DISTINCT FROM EXCLUDED.published_at)`);
  // A version gone from its crate's file (deleted upstream) goes, with its dependencies and downloads.
  await q(`DELETE FROM versions v USING st_changed_crate c WHERE v.crate_id = c.id
    AND NOT EXISTS (SELECT 1 FROM st_index_version iv WHERE iv.name_lower = c.name_lower AND iv.num = v.num)`);

  // Dependencies of the changed crates are replaced whole: few rows, one statement each way.
  await q(`DELETE FROM dependencies d USING versions v, st_changed_crate c WHERE d.version_id = v.id AND v.crate_id = c.id`);
  await q(`INSERT INTO dependencies (version_id, crate_name, crate_id, explicit_name, req, optional, default_features, features, target, kind)
    SELECT v.id, d.crate_name, dc.id, d.explicit_name, d.req, d.optional, d.default_features, d.features, d.target, d.kind
    FROM st_index_dep d
    JOIN st_changed_crate c ON c.name_lower = d.name_lower
    JOIN versions v ON v.crate_id = c.id AND v.num = d.num
    LEFT JOIN crates dc ON dc.name_lower = lower(d.crate_name)`);

  await deriveCrateFacts(q, { crates: "st_sync_scope" });
  await applyEdgeDeltas(q);
  const { rows } = await q(`SELECT count(*)::int n FROM st_changed_crate`);
  return { changedCrates: rows[0]!.n as number, removedCrates: removed.rowCount ?? 0 };
}
