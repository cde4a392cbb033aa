import type { Db } from "../reviews/db-types";
import { UserError } from "../user-error";
import { evaluateCrate } from "./evaluate-crate";
import { filterListToJson } from "./filter-list-to-json";
import { loadCrateFacts } from "./load-crate-facts";
import { parseFilterList } from "./parse-filter-list";
import { compileListBody } from "./resolve-view";
import { toCargoDenyBans } from "./to-cargo-deny-bans";

/**
 * A list for use elsewhere: its text as saved, its rules as JSON, or a
 * cargo-deny `[bans]` section of the crates the list alone (includes
 * resolved) hides over the current registry data. Null when there is no such list.
 */
export async function exportFilterList(db: Db, slug: string, format: "text" | "json" | "cargo-deny"): Promise<string | null> {
  const list = await db.filterList.findUnique({ where: { slug }, select: { slug: true, title: true, body: true } });
  if (!list) return null;
  if (format === "text") return list.body;
  if (format === "json") return `${JSON.stringify(filterListToJson(list.slug, parseFilterList(list.body)), null, 2)}\n`;
  if (format !== "cargo-deny") throw new UserError("invalid", `Unknown export format "${String(format)}": use text, json or cargo-deny.`);
  const { compiled } = await compileListBody(db, list.slug, list.body);
  const hidden: { nameLower: string; reason: string }[] = [];
  for await (const batch of loadCrateFacts(db)) {
    for (const facts of batch) {
      const verdict = evaluateCrate([compiled], facts);
      if (verdict?.action !== "hide") continue;
      const by = verdict.decidedBy;
      hidden.push({ nameLower: facts.nameLower, reason: by ? `${by.reason ?? by.rule} (${by.listSlug} line ${by.line})` : "hidden" });
    }
  }
  const names = await db.crate.findMany({ where: { nameLower: { in: hidden.map((h) => h.nameLower) } }, select: { name: true, nameLower: true } });
  const nameOf = new Map(names.map((n) => [n.nameLower, n.name]));
  return toCargoDenyBans(
    hidden.map((h) => ({ name: nameOf.get(h.nameLower) ?? h.nameLower, reason: h.reason })),
    { title: list.title, source: `list ${list.slug}` },
  );
}
