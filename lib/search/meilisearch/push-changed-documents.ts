import type { EnqueuedTask, Meilisearch } from "meilisearch";
import { Prisma, type PrismaClient } from "../../generated/prisma/client";
import { DEFAULT_INDEX_UID } from "./meilisearch-search-backend";
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_TASK_TIMEOUT_MS,
  indexExists,
  rebuildSearchIndexLocked,
  type IndexWriteOptions,
} from "./rebuild-search-index";
import { deleteSearchDocumentHashes, saveSearchDocumentHashes, type PushedDocument } from "./save-search-document-hashes";
import { loadSearchDocumentRows } from "./search-document";
import { waitForTasks } from "./wait-for-tasks";
import { tryWithSearchIndexLock, withSearchIndexLock } from "./with-search-index-lock";

// Brings the index up to date after an ingest run: sends the documents that
// differ from what was last sent (search_documents keeps the md5 of each) and
// deletes the documents of crates that left the registry. The hashes are
// stored only after Meilisearch reports every task succeeded, in the same
// transaction; a failure leaves them as they were, so the next push sends the
// same documents again.
//
// With `names` (notifyRatingsChanged, after a review changed a crate's
// ratings) only those crates are compared and sent: a handful of documents
// instead of a pass over the whole registry. Such a push never rebuilds (a
// rebuild takes minutes; the worker's next push does it), and it does not
// wait long for the index lock: when a rebuild or push holds it, nothing is
// sent and `busy` is true. That loses nothing: the hashes still differ, so the
// worker's next push sends the change.

export interface PushResult {
  /** True when there was nothing to update (no index, or nothing ever pushed) and a full rebuild ran. */
  rebuilt: boolean;
  /** Documents sent (all of them after a rebuild). */
  pushed: number;
  deleted: number;
  /** Only with `names`: nothing was done, because the index is not built yet or another writer held the lock. */
  skipped?: "not-built" | "busy";
}

export interface PushOptions extends IndexWriteOptions {
  /** Only these crates (by name, any case); never rebuilds, and gives up after `lockWaitMs` if the index lock is held. */
  names?: string[];
  /** With `names`: how long to wait for the index lock (default 5 s). */
  lockWaitMs?: number;
}

const DEFAULT_NAMED_LOCK_WAIT_MS = 5_000;

export async function pushChangedDocuments(db: PrismaClient, meili: Meilisearch, options: PushOptions = {}): Promise<PushResult> {
  if (options.names) {
    const names = options.names.map((n) => n.toLowerCase());
    const waitMs = options.lockWaitMs ?? DEFAULT_NAMED_LOCK_WAIT_MS;
    const pushed = await tryWithSearchIndexLock(db, waitMs, (tx) => push(tx, meili, options, names));
    if (pushed === undefined) {
      options.log?.("search index: another rebuild or push holds the index; the next push sends these crates");
      return { rebuilt: false, pushed: 0, deleted: 0, skipped: "busy" };
    }
    return pushed;
  }
  return withSearchIndexLock(db, (tx) => push(tx, meili, options, null));
}

async function push(tx: Prisma.TransactionClient, meili: Meilisearch, options: PushOptions, names: string[] | null): Promise<PushResult> {
  const uid = options.indexUid ?? DEFAULT_INDEX_UID;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const wait = { timeoutMs: options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS };
  const log = options.log ?? (() => {});
  const pushedBefore = (await tx.searchDocument.findFirst({ select: { crateId: true } })) !== null;
  // An index made by a push would have Meilisearch's default settings (no
  // sorting, no filters); a rebuild makes it with ours.
  if (!pushedBefore || !(await indexExists(meili, uid))) {
    if (names) {
      log(`search index: ${uid} is not built yet; the worker's next push builds it`);
      return { rebuilt: false, pushed: 0, deleted: 0, skipped: "not-built" };
    }
    log(pushedBefore ? `search index: ${uid} does not exist; rebuilding it` : "search index: nothing pushed yet; rebuilding");
    const rebuilt = await rebuildSearchIndexLocked(tx, meili, options);
    return { rebuilt: true, pushed: rebuilt.documents, deleted: 0 };
  }

  const index = meili.index(uid);
  const tasks: EnqueuedTask[] = [];
  const sent: PushedDocument[] = [];
  for (let afterId = 0; ; ) {
    const rows = await loadSearchDocumentRows(tx, { afterId, limit: batchSize, changedOnly: true, ...(names ? { names } : {}) });
    if (rows.length === 0) break;
    tasks.push(await index.addDocuments(rows.map((row) => row.document)));
    for (const { id, nameLower, hash } of rows) sent.push({ id, nameLower, hash });
    afterId = rows[rows.length - 1]!.id;
    if (rows.length < batchSize) break;
  }

  // Removed crates, and rows whose crate is gone from the table altogether.
  const gone = (
    await tx.$queryRaw<{ crate_id: number }[]>`
      SELECT s.crate_id FROM search_documents s LEFT JOIN crates c ON c.id = s.crate_id
      WHERE (c.id IS NULL OR c.removed_at IS NOT NULL)
        AND ${names ? Prisma.sql`s.name_lower = ANY(${names}::text[])` : Prisma.sql`true`}
      ORDER BY s.crate_id`
  ).map((row) => row.crate_id);
  for (let start = 0; start < gone.length; start += batchSize) {
    tasks.push(await index.deleteDocuments(gone.slice(start, start + batchSize)));
  }

  await waitForTasks(meili, tasks, wait);
  await saveSearchDocumentHashes(tx, sent, { replaceAll: false });
  await deleteSearchDocumentHashes(tx, gone);
  if (sent.length > 0 || gone.length > 0) log(`search index: ${sent.length} documents updated, ${gone.length} deleted`);
  return { rebuilt: false, pushed: sent.length, deleted: gone.length };
}
