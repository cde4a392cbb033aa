import type { PrismaClient, Prisma } from "../generated/prisma/client";
import { clearSearchCache } from "../search/get-search-backend";
import { evaluateCrate } from "./evaluate-crate";
import type { Verdict } from "./filter-list-types";
import { factKindsFor, loadCrateFacts } from "./load-crate-facts";
import { resolveView } from "./resolve-view";

// Materializes a view's verdicts. Every crate's facts are streamed in name
// order and evaluated in this process; the verdicts go into a temporary table
// (multi-row inserts of unnested arrays), and one statement then deletes the
// rows that no longer apply and upserts only the rows that differ. All of it
// runs in one transaction, so readers see the old verdicts or the new ones,
// never a mix; evaluations of one view take turns (an advisory lock).

export interface EvaluateViewResult {
  /** Crates evaluated. */
  crates: number;
  /** Rules of the view's lists, includes counted. */
  rules: number;
  /** Of the evaluated crates, how many the view hides and demotes. */
  hidden: number;
  demoted: number;
  /** crate_verdicts rows inserted, updated or deleted. */
  changed: number;
  seconds: number;
}

const INSERT_CHUNK = 5_000;

export async function evaluateView(db: PrismaClient, viewId: number, options: { names?: string[] } = {}): Promise<EvaluateViewResult> {
  const started = performance.now();
  const names = options.names ? [...new Set(options.names.map((n) => n.toLowerCase()))] : undefined;
  const result = await db.$transaction(
    async (tx) => {
      await tx.$queryRawUnsafe(`SELECT 1 FROM pg_advisory_xact_lock(hashtext('cratelist:evaluate_view'), $1::int)`, viewId);
      const { lists, ruleCount } = await resolveView(tx, viewId);
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE curation_new_verdicts (name_lower text PRIMARY KEY, action text, labels text[] NOT NULL, replace_with text, sources jsonb NOT NULL) ON COMMIT DROP`,
      );
      let crates = 0;
      let hidden = 0;
      let demoted = 0;
      const pending = new VerdictRows();
      for await (const batch of loadCrateFacts(tx, names ? { names } : { kinds: factKindsFor(lists) })) {
        crates += batch.length;
        if (lists.length === 0) continue;
        for (const facts of batch) {
          const verdict = evaluateCrate(lists, facts);
          if (!verdict) continue;
          if (verdict.action === "hide") hidden++;
          else if (verdict.action === "demote") demoted++;
          pending.add(facts.nameLower, verdict);
          if (pending.size >= INSERT_CHUNK) await pending.flush(tx);
        }
      }
      await pending.flush(tx);
      await tx.$executeRawUnsafe(`ANALYZE curation_new_verdicts`);
      const scope = names ? `AND v.name_lower = ANY($2::text[])` : "";
      const changed = await tx.$queryRawUnsafe<{ n: number }[]>(
        `WITH gone AS (
           DELETE FROM crate_verdicts v
           WHERE v.view_id = $1 ${scope}
             AND NOT EXISTS (SELECT 1 FROM curation_new_verdicts n WHERE n.name_lower = v.name_lower)
           RETURNING 1
         ), upserted AS (
           INSERT INTO crate_verdicts (view_id, name_lower, action, labels, replace_with, sources)
           SELECT $1, name_lower, action, labels, replace_with, sources FROM curation_new_verdicts
           ON CONFLICT (view_id, name_lower) DO UPDATE
             SET action = EXCLUDED.action, labels = EXCLUDED.labels, replace_with = EXCLUDED.replace_with, sources = EXCLUDED.sources
             WHERE (crate_verdicts.action, crate_verdicts.labels, crate_verdicts.replace_with, crate_verdicts.sources)
                   IS DISTINCT FROM (EXCLUDED.action, EXCLUDED.labels, EXCLUDED.replace_with, EXCLUDED.sources)
           RETURNING 1
         )
         SELECT ((SELECT count(*) FROM gone) + (SELECT count(*) FROM upserted))::int AS n`,
        ...(names ? [viewId, names] : [viewId]),
      );
      await tx.view.update({ where: { id: viewId }, data: { evaluatedAt: new Date() } });
      return { crates, rules: ruleCount, hidden, demoted, changed: changed[0]?.n ?? 0 };
    },
    { maxWait: 30_000, timeout: 10 * 60_000 },
  );
  // PostgreSQL search reads the verdicts directly: only this process's cached
  // answers can be stale. (Meilisearch documents carry the hiding views; the
  // worker's next push sends the documents whose verdicts changed.)
  if (result.changed > 0) clearSearchCache();
  return { ...result, seconds: (performance.now() - started) / 1000 };
}

/** Verdicts waiting to be inserted, as parallel arrays (one unnest per chunk). */
class VerdictRows {
  private names: string[] = [];
  private actions: (string | null)[] = [];
  private labels: string[] = [];
  private replaceWith: (string | null)[] = [];
  private sources: string[] = [];

  get size(): number {
    return this.names.length;
  }

  add(nameLower: string, verdict: Verdict): void {
    this.names.push(nameLower);
    this.actions.push(verdict.action);
    // Labels are fixed words without commas (VERDICT_LABELS), so one joined string per row unnests.
    this.labels.push([...new Set(verdict.labels.map((l) => l.label))].join(","));
    this.replaceWith.push(verdict.replaceWith?.crate ?? null);
    this.sources.push(JSON.stringify(verdict));
  }

  async flush(tx: Prisma.TransactionClient): Promise<void> {
    if (this.names.length === 0) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO curation_new_verdicts (name_lower, action, labels, replace_with, sources)
       SELECT n, a, CASE WHEN l = '' THEN ARRAY[]::text[] ELSE string_to_array(l, ',') END, r, s::jsonb
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(n, a, l, r, s)`,
      this.names,
      this.actions,
      this.labels,
      this.replaceWith,
      this.sources,
    );
    this.names = [];
    this.actions = [];
    this.labels = [];
    this.replaceWith = [];
    this.sources = [];
  }
}
