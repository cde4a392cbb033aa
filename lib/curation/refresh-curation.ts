import type { PrismaClient } from "../generated/prisma/client";
import { evaluateView, type EvaluateViewResult } from "./evaluate-view";
import { findViewsUsing } from "./find-views-using";
import { refreshCrateHeuristics } from "./refresh-crate-heuristics";

export interface CurationRefresh {
  heuristics: { crates: number; changed: number; seconds: number };
  views: ({ slug: string } & EvaluateViewResult)[];
  seconds: number;
}

/**
 * After registry data changed: recomputes the heuristics, then re-evaluates
 * every view. With `names` (the crates an index sync changed), only those
 * crates and the ones whose heuristics changed are re-evaluated (a crate's
 * owners, keywords and categories change only when the crate does; its
 * heuristics can change with other crates, e.g. a dependency yanked).
 */
export async function refreshCuration(db: PrismaClient, options: { names?: string[] } = {}): Promise<CurationRefresh> {
  const started = performance.now();
  const heuristics = await refreshCrateHeuristics(db);
  const names = options.names ? [...new Set([...options.names.map((n) => n.toLowerCase()), ...heuristics.changed])] : undefined;
  const views = await db.view.findMany({ select: { id: true, slug: true }, orderBy: { id: "asc" } });
  const results: CurationRefresh["views"] = [];
  for (const view of views) {
    // A view never evaluated has no verdicts at all: evaluate it whole.
    const evaluated = await db.view.findUnique({ where: { id: view.id }, select: { evaluatedAt: true } });
    const scope = names && evaluated?.evaluatedAt ? { names } : {};
    results.push({ slug: view.slug, ...(await evaluateView(db, view.id, scope)) });
  }
  return {
    heuristics: { crates: heuristics.crates, changed: heuristics.changed.length, seconds: heuristics.seconds },
    views: results,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Re-evaluates the views that contain the list, or a list that includes it (after a save). */
export async function evaluateViewsUsingList(db: PrismaClient, listId: number): Promise<({ slug: string } & EvaluateViewResult)[]> {
  const list = await db.filterList.findUnique({ where: { id: listId }, select: { slug: true } });
  if (!list) return [];
  return evaluateViews(db, await findViewsUsing(db, { slug: list.slug }));
}

/** Re-evaluates the views that use a remote list (after it changed). */
export async function evaluateViewsUsingUrl(db: PrismaClient, url: string): Promise<({ slug: string } & EvaluateViewResult)[]> {
  return evaluateViews(db, await findViewsUsing(db, { url }));
}

async function evaluateViews(db: PrismaClient, ids: number[]): Promise<({ slug: string } & EvaluateViewResult)[]> {
  const results = [];
  for (const id of ids) {
    const view = await db.view.findUnique({ where: { id }, select: { slug: true } });
    if (view) results.push({ slug: view.slug, ...(await evaluateView(db, id)) });
  }
  return results;
}

/**
 * The hook the worker calls after a successful ingest or index sync. A failure
 * here must not fail the run that already committed: it is logged (with the
 * error) and left for the next run, which recomputes everything it needs.
 */
export async function refreshCurationAfterIngest(
  db: PrismaClient,
  log: (message: string) => void,
  options: { names?: string[] } = {},
): Promise<CurationRefresh | null> {
  try {
    const result = await refreshCuration(db, options);
    const hidden = result.views.map((v) => `${v.slug} ${v.hidden} hidden/${v.changed} changed`).join(", ");
    log(`curation: heuristics ${result.heuristics.crates} crates (${result.heuristics.changed} changed); views: ${hidden || "none"}; ${result.seconds.toFixed(1)} s`);
    return result;
  } catch (error) {
    log(`curation: refresh failed, verdicts stay as they were until the next run: ${(error as Error).stack ?? error}`);
    return null;
  }
}

/**
 * refreshCurationAfterIngest on a database given by URL, with a client of its
 * own (the worker's jobs get a connection string, not a client). Never throws.
 */
export async function refreshCurationForConnection(
  connectionString: string,
  log: (message: string) => void,
  options: { names?: string[] } = {},
): Promise<CurationRefresh | null> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const { PrismaClient } = await import("../generated/prisma/client");
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 2 }) });
  try {
    return await refreshCurationAfterIngest(db, log, options);
  } finally {
    await db.$disconnect();
  }
}
