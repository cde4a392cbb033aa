import type { Db } from "../reviews/db-types";
import { UserError } from "../user-error";
import { compileFilterList, type CompiledFilterList } from "./compile-filter-list";
import type { ParsedFilterList, Rule } from "./filter-list-types";
import { parseFilterList } from "./parse-filter-list";

// A view's lists, in order, each compiled with its includes resolved and
// flattened depth-first (the list first, then each include in line order).
// `include list:<slug>` reads filter_lists; `include https://…` reads the
// stored copy in remote_lists (a URL not fetched yet is skipped: it is fetched
// when the list that names it is saved). Includes nest at most
// MAX_INCLUDE_DEPTH deep; a list already in the flattened parts (a cycle, or
// a diamond) is not added twice.

export const MAX_INCLUDE_DEPTH = 3;

export interface ResolvedView {
  view: { id: number; slug: string; title: string };
  lists: CompiledFilterList[];
  ruleCount: number;
}

/** Reads list bodies once per evaluation (a list included by several lists is read once). */
export class ListBodies {
  private readonly local = new Map<string, string | null>();
  private readonly remote = new Map<string, string | null>();

  constructor(private readonly db: Db) {}

  async list(slug: string): Promise<string | null> {
    if (!this.local.has(slug)) {
      const row = await this.db.filterList.findUnique({ where: { slug }, select: { body: true } });
      this.local.set(slug, row?.body ?? null);
    }
    return this.local.get(slug)!;
  }

  async url(url: string): Promise<string | null> {
    if (!this.remote.has(url)) {
      const row = await this.db.remoteList.findUnique({ where: { url }, select: { body: true } });
      this.remote.set(url, row?.body ?? null);
    }
    return this.remote.get(url)!;
  }

  /** Pretends `slug` has `body` (a preview of unsaved text). */
  override(slug: string, body: string): void {
    this.local.set(slug, body);
  }
}

/**
 * The parts compileFilterList takes for one list: the list itself, then its
 * includes resolved depth-first. `key` is "list:<slug>" or the URL.
 */
export async function resolveListParts(
  bodies: ListBodies,
  root: { slug: string; parsed: ParsedFilterList },
): Promise<{ slug: string; rules: Rule[] }[]> {
  const parts: { slug: string; rules: Rule[] }[] = [];
  const seen = new Set<string>();
  const visit = async (slug: string, parsed: ParsedFilterList, depth: number) => {
    seen.add(slug);
    parts.push({ slug, rules: parsed.rules });
    if (depth >= MAX_INCLUDE_DEPTH) return;
    for (const include of parsed.includes) {
      const slugOf = include.kind === "list" ? include.slug : include.url;
      if (seen.has(slugOf)) continue;
      const body = include.kind === "list" ? await bodies.list(include.slug) : await bodies.url(include.url);
      if (body === null) continue;
      await visit(slugOf, parseFilterList(body), depth + 1);
    }
  };
  await visit(root.slug, root.parsed, 0);
  return parts;
}

/** A list body (saved or not) compiled alone, its includes resolved; `errors` are the body's own line errors. */
export async function compileListBody(
  db: Db,
  slug: string,
  body: string,
  bodies: ListBodies = new ListBodies(db),
): Promise<{ parsed: ParsedFilterList; compiled: CompiledFilterList; ruleCount: number }> {
  const parsed = parseFilterList(body);
  const parts = await resolveListParts(bodies, { slug, parsed });
  return { parsed, compiled: compileFilterList(parts), ruleCount: countRules(parts) };
}

export async function resolveView(db: Db, viewId: number): Promise<ResolvedView> {
  const view = await db.view.findUnique({
    where: { id: viewId },
    select: {
      id: true,
      slug: true,
      title: true,
      lists: { orderBy: { position: "asc" }, select: { list: { select: { slug: true, body: true } }, remote: { select: { url: true, body: true } } } },
    },
  });
  if (!view) throw new UserError("not_found", `No view has the id ${viewId}.`);
  const bodies = new ListBodies(db);
  const lists: CompiledFilterList[] = [];
  let ruleCount = 0;
  for (const entry of view.lists) {
    const slug = entry.list?.slug ?? entry.remote?.url;
    const body = entry.list?.body ?? entry.remote?.body ?? null;
    if (!slug || body === null) continue; // a remote list never fetched yet decides nothing
    const parts = await resolveListParts(bodies, { slug, parsed: parseFilterList(body) });
    ruleCount += countRules(parts);
    lists.push(compileFilterList(parts));
  }
  return { view: { id: view.id, slug: view.slug, title: view.title }, lists, ruleCount };
}

function countRules(parts: { rules: Rule[] }[]): number {
  return parts.reduce((sum, part) => sum + part.rules.length, 0);
}
