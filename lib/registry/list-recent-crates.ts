import type { ViewScope } from "../curation/current-view";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { crateSummaryColumns, fromCrateSummaryRow, type CrateSummary, type CrateSummaryRow } from "./crate-summary";

/** Recently updated crates, newest first, leaving out crates with every version yanked and those the view hides. */
export async function listRecentCrates(db: PrismaClient, limit = 10, view: ViewScope | null = null): Promise<CrateSummary[]> {
  const rows = await db.$queryRaw<CrateSummaryRow[]>`
    SELECT ${crateSummaryColumns}
    FROM crates c
    LEFT JOIN versions dv ON dv.id = c.default_version_id
    LEFT JOIN crate_verdicts cv ON cv.view_id = ${view?.viewId ?? null}::int AND cv.name_lower = c.name_lower
    WHERE c.removed_at IS NULL AND NOT c.all_yanked AND c.updated_at IS NOT NULL
      AND ${view ? Prisma.sql`cv.action IS DISTINCT FROM 'hide'` : Prisma.sql`TRUE`}
    ORDER BY c.updated_at DESC NULLS LAST, c.name
    LIMIT ${limit}`;
  return rows.map(fromCrateSummaryRow);
}
