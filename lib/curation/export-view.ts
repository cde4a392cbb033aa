import type { Db } from "../reviews/db-types";
import { UserError } from "../user-error";
import type { VerdictSource } from "./filter-list-types";
import { toCargoDenyBans } from "./to-cargo-deny-bans";

export interface HiddenCrateExport {
  name: string;
  reason: string | null;
  list: string;
  line: number;
  rule: string;
}

/**
 * The crates a view hides (as last evaluated), each with the rule that hid
 * it: JSON ({ view, evaluatedAt, hidden: [...] }) or a cargo-deny `[bans]`
 * section. Null when there is no such view.
 */
export async function exportView(db: Db, slug: string, format: "json" | "cargo-deny"): Promise<string | null> {
  const view = await db.view.findUnique({ where: { slug }, select: { id: true, slug: true, title: true, evaluatedAt: true } });
  if (!view) return null;
  if (format !== "json" && format !== "cargo-deny") throw new UserError("invalid", `Unknown export format "${String(format)}": use json or cargo-deny.`);
  const rows = await db.$queryRawUnsafe<{ name: string; decided_by: VerdictSource | null }[]>(
    `SELECT coalesce(c.name, v.name_lower) AS name, v.sources -> 'decidedBy' AS decided_by
     FROM crate_verdicts v LEFT JOIN crates c ON c.name_lower = v.name_lower
     WHERE v.view_id = $1 AND v.action = 'hide' ORDER BY v.name_lower`,
    view.id,
  );
  const hidden: HiddenCrateExport[] = rows.map((row) => ({
    name: row.name,
    reason: row.decided_by?.reason ?? null,
    list: row.decided_by?.listSlug ?? "",
    line: row.decided_by?.line ?? 0,
    rule: row.decided_by?.rule ?? "",
  }));
  if (format === "json") {
    return `${JSON.stringify({ view: { slug: view.slug, title: view.title }, evaluatedAt: view.evaluatedAt, hidden }, null, 2)}\n`;
  }
  return toCargoDenyBans(
    hidden.map((h) => ({ name: h.name, reason: `${h.reason ?? h.rule} (${h.list} line ${h.line})` })),
    { title: view.title, source: `view ${view.slug}` },
  );
}
