import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { countTransitiveDependents, dependentLines, DependencyGraphBuilder, togetherFinder, type DependencyGraph } from "./dependency-graph";

// Rebuilds crate_dependency_stats (one row per crate) from the dependency
// graph, after each ingest; pages only read the rows.
//
// The edges are ARCHITECTURE.md's reverse dependencies: from each crate's
// default version, its normal and build dependencies on crates we know,
// leaving out dependents whose every version is yanked or that left the
// registry, and a crate's dependencies on itself. Every crate is read once,
// in id order, through a server-side cursor (DECLARE … FETCH, so the process
// holds one batch of rows at a time and every batch comes from the same
// snapshot), with its dependencies aggregated into two arrays; the graph is
// kept in typed arrays (dependency-graph.ts, which also has the rules for
// lines and "often used together"). At 250,000 crates and ~2.4 million edges
// that is some tens of MB.
//
// Everything happens in one transaction: the old rows are deleted and the
// new ones inserted in batches of unnested arrays, so readers see the old
// figures or the new ones, never a mix. Refreshes take turns (an advisory
// lock); a second one waits, then reads what the first left.

export interface DependencyStatsRefresh {
  /** Rows written: one per crate. */
  crates: number;
  seconds: number;
}

const FETCH_ROWS = 1_000;
const INSERT_ROWS = 5_000;

interface CrateRow {
  id: number;
  name: string;
  default_version: string | null;
  /** Dependency crate ids, comma-separated. */
  deps: string | null;
  /** Their requirements, in the same order, separated by U+001F. */
  reqs: string | null;
}

// One string per crate for its dependencies and one for their requirements
// (not arrays): each value the driver and Prisma turn into a JS value is
// garbage a moment later, and at 2.5 million edges that garbage, not the
// graph, set the process's peak memory.
const REQ_SEPARATOR = "\u001f";

const CURSOR_SQL = `
DECLARE dependency_stats_crates NO SCROLL CURSOR FOR
SELECT c.id, c.name, v.num AS default_version, e.deps, e.reqs
FROM crates c
LEFT JOIN versions v ON v.id = c.default_version_id
LEFT JOIN LATERAL (
  SELECT string_agg(d.crate_id::text, ',' ORDER BY d.id) AS deps,
         string_agg(replace(d.req, E'\\x1f', ' '), E'\\x1f' ORDER BY d.id) AS reqs
  FROM dependencies d
  WHERE d.version_id = c.default_version_id
    AND NOT c.all_yanked AND c.removed_at IS NULL
    AND d.kind IN ('normal', 'build') AND d.crate_id IS NOT NULL AND d.crate_id <> c.id
) e ON TRUE
ORDER BY c.id`;

export async function refreshDependencyStats(
  db: PrismaClient,
  options: { log?: (message: string) => void } = {},
): Promise<DependencyStatsRefresh> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const crates = await db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(hashtext('cratelist:dependency_stats'))`);
      let phase = performance.now();
      const lap = () => {
        const seconds = (performance.now() - phase) / 1000;
        phase = performance.now();
        return seconds.toFixed(2);
      };
      const graph = await readGraph(tx);
      log(`read ${graph.ids.length} crates, ${graph.fwdTargets.length} edges, ${graph.lines.length} lines in ${lap()} s`);
      await writeStats(tx, graph, (step) => log(`${step} in ${lap()} s`));
      return graph.ids.length;
    },
    { maxWait: 60_000, timeout: 30 * 60_000 },
  );
  return { crates, seconds: (performance.now() - started) / 1000 };
}

/** "12,7,300" → [12, 7, 300], into a reused array. */
function parseIds(text: string, into: number[]): number[] {
  into.length = 0;
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 44) {
      into.push(value);
      value = 0;
    } else {
      value = value * 10 + (code - 48);
    }
  }
  into.push(value);
  return into;
}

async function readGraph(tx: Prisma.TransactionClient): Promise<DependencyGraph> {
  const builder = new DependencyGraphBuilder();
  const ids: number[] = [];
  await tx.$executeRawUnsafe(CURSOR_SQL);
  for (;;) {
    const rows = await tx.$queryRawUnsafe<CrateRow[]>(`FETCH ${FETCH_ROWS} FROM dependency_stats_crates`);
    for (const row of rows) {
      builder.addCrate(row.id, row.name, row.default_version, row.deps ? parseIds(row.deps, ids) : [], row.reqs ? row.reqs.split(REQ_SEPARATOR) : []);
    }
    if (rows.length < FETCH_ROWS) break;
  }
  await tx.$executeRawUnsafe(`CLOSE dependency_stats_crates`);
  return builder.build();
}

/** Rows waiting to be inserted, as parallel arrays (one unnest per batch). */
class StatsRows {
  private ids: number[] = [];
  private transitive: number[] = [];
  private lines: string[] = [];
  private latest: (string | null)[] = [];
  private together: string[] = [];

  get size(): number {
    return this.ids.length;
  }

  add(crateId: number, transitive: number, linesJson: string, latestLine: string | null, togetherJson: string): void {
    this.ids.push(crateId);
    this.transitive.push(transitive);
    this.lines.push(linesJson);
    this.latest.push(latestLine);
    this.together.push(togetherJson);
  }

  async flush(tx: Prisma.TransactionClient, computedAt: string): Promise<void> {
    if (this.ids.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO crate_dependency_stats (crate_id, transitive_dependents, dependent_lines, latest_line, together, computed_at)
       SELECT id, t, l::jsonb, ll, g::jsonb, $6::timestamptz AT TIME ZONE 'UTC'
       FROM unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[]) AS u(id, t, l, ll, g)`,
      this.ids,
      this.transitive,
      this.lines,
      this.latest,
      this.together,
      computedAt,
    );
    this.ids = [];
    this.transitive = [];
    this.lines = [];
    this.latest = [];
    this.together = [];
  }
}

async function writeStats(tx: Prisma.TransactionClient, graph: DependencyGraph, done: (step: string) => void): Promise<void> {
  const transitive = countTransitiveDependents(graph);
  done("transitive dependents");
  const together = togetherFinder(graph);

  await tx.$executeRawUnsafe(`DELETE FROM crate_dependency_stats`);
  const computedAt = new Date().toISOString();
  const rows = new StatsRows();
  const scratch = new Int32Array(graph.lines.length);
  for (let node = 0; node < graph.ids.length; node++) {
    const latest = graph.latestLine[node]!;
    rows.add(
      graph.ids[node]!,
      transitive[node]!,
      JSON.stringify(Object.fromEntries(dependentLines(graph, node, scratch))),
      latest < 0 ? null : graph.lines[latest]!,
      JSON.stringify(together(node)),
    );
    if (rows.size >= INSERT_ROWS) await rows.flush(tx, computedAt);
  }
  await rows.flush(tx, computedAt);
  done("used together, lines and rows written");
}
