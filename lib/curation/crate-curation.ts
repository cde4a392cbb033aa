import type { VerdictSource } from "./filter-list-types";

/**
 * What the current view does to a crate, as listings and search hits carry it
 * (a summary of the Verdict stored in crate_verdicts).
 */
export interface CrateCuration {
  /** hide (listed only when hidden crates are shown), demote (ranked lower), allow (an exception), or null (labels only). */
  action: "hide" | "demote" | "allow" | null;
  /** The rule that decided `action`. */
  decidedBy: VerdictSource | null;
  labels: string[];
  /** A crate the view's curators recommend instead. */
  replaceWith: string | null;
}

/** The crate_verdicts columns a listing selects (`cv.action, cv.labels, cv.replace_with, cv.sources`). */
export interface CurationColumns {
  verdict_action: string | null;
  verdict_labels: string[] | null;
  verdict_replace_with: string | null;
  verdict_sources: unknown;
}

/** The curation of a listing row, or null when the view has no verdict for the crate. */
export function toCrateCuration(row: CurationColumns): CrateCuration | null {
  if (row.verdict_sources === null || row.verdict_sources === undefined) return null;
  const action = row.verdict_action === "hide" || row.verdict_action === "demote" || row.verdict_action === "allow" ? row.verdict_action : null;
  const sources = row.verdict_sources as { decidedBy?: VerdictSource | null };
  return {
    action,
    decidedBy: sources.decidedBy ?? null,
    labels: row.verdict_labels ?? [],
    replaceWith: row.verdict_replace_with,
  };
}
