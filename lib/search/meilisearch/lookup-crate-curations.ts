import { toCrateCuration, type CrateCuration, type CurationColumns } from "../../curation/crate-curation";
import type { PrismaClient } from "../../generated/prisma/client";
import type { CrateCurations } from "./meilisearch-search-backend";

interface VerdictRow extends CurationColumns {
  name_lower: string;
}

/**
 * A view's verdicts on the crates of a search page, from PostgreSQL, for the
 * Meilisearch backend's hits (`curation`, and `rank.demotion` with the rule
 * behind it, which the documents do not carry). One query on crate_verdicts
 * by primary key (view_id, name_lower), at most a page of rows. The map is
 * keyed by lower-case name; crates without a verdict are absent.
 */
export function lookupCrateCurations(db: PrismaClient): CrateCurations {
  return async (viewId, names) => {
    const curations = new Map<string, CrateCuration>();
    if (names.length === 0) return curations;
    const rows = await db.$queryRaw<VerdictRow[]>`
      SELECT name_lower, action AS verdict_action, labels AS verdict_labels, replace_with AS verdict_replace_with, sources AS verdict_sources
      FROM crate_verdicts
      WHERE view_id = ${viewId}::int AND name_lower = ANY(${names.map((name) => name.toLowerCase())}::text[])`;
    for (const row of rows) {
      const curation = toCrateCuration(row);
      if (curation) curations.set(row.name_lower, curation);
    }
    return curations;
  };
}
