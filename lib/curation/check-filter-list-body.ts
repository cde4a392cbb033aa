import type { Db } from "../reviews/db-types";
import { fetchRemoteList, type FetchRemoteListOptions } from "./fetch-remote-list";
import type { LineError, ParsedFilterList } from "./filter-list-types";
import { parseFilterList } from "./parse-filter-list";

/**
 * Every line error of a list text about to be saved as `slug`: the parser's,
 * then its includes': `include list:<slug>` must name another existing list
 * and must not lead back to this one (a cycle); with `fetchUrls`, each
 * `include https://…` is fetched now (into remote_lists) and a failure is an
 * error on its line.
 */
export async function checkFilterListBody(
  db: Db,
  slug: string,
  body: string,
  options: { fetchUrls: boolean; fetch?: FetchRemoteListOptions },
): Promise<{ parsed: ParsedFilterList; errors: LineError[] }> {
  const parsed = parseFilterList(body);
  const errors = [...parsed.errors];
  for (const include of parsed.includes) {
    if (include.kind === "list") {
      if (include.slug === slug) {
        errors.push({ line: include.line, message: "A list cannot include itself." });
        continue;
      }
      const exists = await db.filterList.findUnique({ where: { slug: include.slug }, select: { id: true } });
      if (!exists) {
        errors.push({ line: include.line, message: `No list has the slug "${include.slug}".` });
      } else if (await reaches(db, include.slug, slug)) {
        errors.push({ line: include.line, message: `list:${include.slug} includes this list (directly or through its includes): that would be a cycle.` });
      }
    } else if (options.fetchUrls) {
      const fetched = await fetchRemoteList(db, include.url, options.fetch);
      if (!fetched.ok) errors.push({ line: include.line, message: `Cannot fetch ${include.url}: ${fetched.error}.` });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { parsed, errors };
}

/** Whether list `from` includes list `target`, through any chain of `include list:` lines (current bodies). */
async function reaches(db: Db, from: string, target: string): Promise<boolean> {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    const slug = queue.shift()!;
    const row = await db.filterList.findUnique({ where: { slug }, select: { body: true } });
    if (!row) continue;
    for (const include of parseFilterList(row.body).includes) {
      if (include.kind !== "list") continue;
      if (include.slug === target) return true;
      if (!seen.has(include.slug)) {
        seen.add(include.slug);
        queue.push(include.slug);
      }
    }
  }
  return false;
}
