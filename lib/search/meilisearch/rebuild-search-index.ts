import { MeilisearchApiError, type EnqueuedTask, type Meilisearch } from "meilisearch";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { MEILISEARCH_SETTINGS, PRIMARY_KEY } from "./meilisearch-settings";
import { DEFAULT_INDEX_UID } from "./meilisearch-search-backend";
import { saveSearchDocumentHashes, type PushedDocument } from "./save-search-document-hashes";
import { loadSearchDocumentRows } from "./search-document";
import { runTask, waitForTasks } from "./wait-for-tasks";
import { withSearchIndexLock } from "./with-search-index-lock";

// A full rebuild with no moment where search answers from a half-built index:
// a new index `<uid>_<timestamp>` gets the settings and every document, and
// only when all of that succeeded does one swap make it `<uid>`. The old
// documents, now under the temporary name, are deleted after the swap.

export interface IndexWriteOptions {
  /** The index search reads (default "crates"). */
  indexUid?: string;
  /** Documents per request. */
  batchSize?: number;
  /** Longest wait for one Meilisearch task, in milliseconds. */
  taskTimeoutMs?: number;
  /** Names the temporary index; injectable for tests. */
  now?: () => Date;
  log?: (line: string) => void;
}

export interface RebuildResult {
  indexUid: string;
  /** The temporary index that became `indexUid` (deleted after the swap, holding the old documents). */
  builtAs: string;
  documents: number;
}

export const DEFAULT_BATCH_SIZE = 5_000;
export const DEFAULT_TASK_TIMEOUT_MS = 10 * 60 * 1000;

export async function rebuildSearchIndex(db: PrismaClient, meili: Meilisearch, options: IndexWriteOptions = {}): Promise<RebuildResult> {
  return withSearchIndexLock(db, (tx) => rebuildSearchIndexLocked(tx, meili, options));
}

/** The rebuild, for a caller that already holds the search index lock (pushChangedDocuments). */
export async function rebuildSearchIndexLocked(
  tx: Prisma.TransactionClient,
  meili: Meilisearch,
  options: IndexWriteOptions,
): Promise<RebuildResult> {
  const uid = options.indexUid ?? DEFAULT_INDEX_UID;
  const builtAs = `${uid}_${(options.now?.() ?? new Date()).getTime()}`;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const wait = { timeoutMs: options.taskTimeoutMs ?? DEFAULT_TASK_TIMEOUT_MS };
  const log = options.log ?? (() => {});

  log(`search index: building ${builtAs}`);
  await runTask(meili, meili.createIndex(builtAs, { primaryKey: PRIMARY_KEY }), wait);
  const sent: PushedDocument[] = [];
  try {
    // Settings first, so that documents are indexed once, with them.
    await runTask(meili, meili.index(builtAs).updateSettings(MEILISEARCH_SETTINGS), wait);
    const tasks: EnqueuedTask[] = [];
    for (let afterId = 0; ; ) {
      const rows = await loadSearchDocumentRows(tx, { afterId, limit: batchSize });
      if (rows.length === 0) break;
      // Enqueued without waiting in between: Meilisearch indexes queued additions together.
      tasks.push(await meili.index(builtAs).addDocuments(rows.map((row) => row.document)));
      for (const { id, nameLower, hash } of rows) sent.push({ id, nameLower, hash });
      afterId = rows[rows.length - 1]!.id;
      if (rows.length < batchSize) break;
    }
    await waitForTasks(meili, tasks, wait);
    log(`search index: ${sent.length} documents indexed in ${builtAs}`);
    await createIndexIfMissing(meili, uid, wait);
    await runTask(meili, meili.swapIndexes([{ indexes: [uid, builtAs], rename: false }]), wait);
  } catch (error) {
    // Search still reads the old index; the half-built one is dropped.
    await meili.deleteIndex(builtAs).catch((cleanup: unknown) => log(`search index: could not delete ${builtAs}: ${String(cleanup)}`));
    throw error;
  }
  log(`search index: ${uid} now serves the new documents; deleting the old ones`);
  await runTask(meili, meili.deleteIndex(builtAs), wait);
  await saveSearchDocumentHashes(tx, sent, { replaceAll: true });
  return { indexUid: uid, builtAs, documents: sent.length };
}

/** A swap needs both indexes; the very first rebuild swaps with an empty one. */
async function createIndexIfMissing(meili: Meilisearch, uid: string, wait: { timeoutMs: number }): Promise<void> {
  if (await indexExists(meili, uid)) return;
  await runTask(meili, meili.createIndex(uid, { primaryKey: PRIMARY_KEY }), wait);
}

export async function indexExists(meili: Meilisearch, uid: string): Promise<boolean> {
  try {
    await meili.getRawIndex(uid);
    return true;
  } catch (error) {
    if (error instanceof MeilisearchApiError && error.cause?.code === "index_not_found") return false;
    throw error;
  }
}
