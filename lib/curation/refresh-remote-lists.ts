import type { PrismaClient } from "../generated/prisma/client";
import { fetchRemoteList, type FetchRemoteListOptions } from "./fetch-remote-list";
import { evaluateViewsUsingUrl } from "./refresh-curation";

export interface RemoteListsRefresh {
  checked: number;
  changed: string[];
  failed: { url: string; error: string }[];
  viewsEvaluated: number;
}

/** A failed fetch is tried again after this long, or its own refresh interval if shorter. */
const RETRY_FAILED_MINUTES = 60;

/**
 * Fetches the remote lists that are due (each after its own `! Expires`, by
 * the last attempt), then re-evaluates the views using those that changed.
 * Run every 15 minutes by the worker (job `curation-remote-lists`).
 */
export async function refreshRemoteLists(
  db: PrismaClient,
  options: FetchRemoteListOptions & { log?: (message: string) => void; now?: Date } = {},
): Promise<RemoteListsRefresh> {
  const log = options.log ?? (() => {});
  const now = options.now ?? new Date();
  const due = await db.$queryRawUnsafe<{ url: string }[]>(
    `SELECT url FROM remote_lists
     WHERE last_attempt_at IS NULL
        OR last_attempt_at + make_interval(mins => CASE WHEN fetch_error IS NOT NULL THEN least(refresh_minutes, $2) ELSE refresh_minutes END) <= $1
     ORDER BY url`,
    now,
    RETRY_FAILED_MINUTES,
  );
  const result: RemoteListsRefresh = { checked: due.length, changed: [], failed: [], viewsEvaluated: 0 };
  for (const { url } of due) {
    const fetched = await fetchRemoteList(db, url, options);
    if (!fetched.ok) {
      result.failed.push({ url, error: fetched.error });
      log(`curation: ${url}: ${fetched.error} (the last good copy stays in use)`);
    } else if (fetched.changed) {
      result.changed.push(url);
    }
  }
  for (const url of result.changed) result.viewsEvaluated += (await evaluateViewsUsingUrl(db, url)).length;
  return result;
}
