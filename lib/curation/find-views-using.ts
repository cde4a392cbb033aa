import type { Db } from "../reviews/db-types";
import { parseFilterList } from "./parse-filter-list";

/**
 * Ids of the views whose result depends on a list of this site (`{ slug }`)
 * or a remote list (`{ url }`): views that contain it, or contain a list that
 * includes it, directly or through other includes.
 */
export async function findViewsUsing(db: Db, target: { slug: string } | { url: string }): Promise<number[]> {
  const [lists, viewLists] = await Promise.all([
    db.filterList.findMany({ select: { slug: true, body: true } }),
    db.viewList.findMany({ select: { viewId: true, list: { select: { slug: true } }, remoteUrl: true } }),
  ]);
  // Walk the include graph backwards from the target: every list that reaches it.
  const includedBy = new Map<string, string[]>();
  for (const list of lists) {
    for (const include of parseFilterList(list.body).includes) {
      const key = include.kind === "list" ? `list:${include.slug}` : `url:${include.url}`;
      includedBy.set(key, [...(includedBy.get(key) ?? []), `list:${list.slug}`]);
    }
  }
  const start = "slug" in target ? `list:${target.slug}` : `url:${target.url}`;
  const reaching = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const parent of includedBy.get(queue.pop()!) ?? []) {
      if (!reaching.has(parent)) {
        reaching.add(parent);
        queue.push(parent);
      }
    }
  }
  const ids = new Set<number>();
  for (const entry of viewLists) {
    const key = entry.list ? `list:${entry.list.slug}` : `url:${entry.remoteUrl}`;
    if (reaching.has(key)) ids.add(entry.viewId);
  }
  return [...ids].sort((a, b) => a - b);
}
