import { getDb } from "../db";
import { getSearchEnv } from "../env";
import { createMeilisearchClient } from "../search/meilisearch/create-meilisearch-client";
import { pushChangedDocuments } from "../search/meilisearch/push-changed-documents";
import type { JobOutcome } from "./ingest-jobs";

/**
 * Called by the worker after every successful ingest run, with that run's
 * outcome. With MEILI_URL set, the crates the run changed are pushed to the
 * Meilisearch index (pushChangedDocuments compares every crate's document
 * with what was last sent, so it does not need the outcome's details); a
 * failure here fails the job like a failed ingest, and the next run pushes
 * the same changes again.
 *
 * Without MEILI_URL, search is PostgreSQL's own full-text index: the ingest
 * recomputes each crate's search vector inside its transaction, so the search
 * index is already current when the run commits and there is nothing to push.
 */
let saidNothingToPush = false;

/** Per HTTP request; waiting for indexing tasks has its own, longer limit. */
const MEILI_REQUEST_TIMEOUT_MS = 30_000;

export async function updateSearchIndex(_outcome: JobOutcome, log: (message: string) => void): Promise<void> {
  const { MEILI_URL, MEILI_API_KEY } = getSearchEnv();
  if (!MEILI_URL) {
    if (!saidNothingToPush) log("search: MEILI_URL is not set; PostgreSQL search needs no push");
    saidNothingToPush = true;
    return;
  }
  const meili = createMeilisearchClient({ url: MEILI_URL, apiKey: MEILI_API_KEY, timeoutMs: MEILI_REQUEST_TIMEOUT_MS });
  const result = await pushChangedDocuments(getDb(), meili, { log });
  log(
    result.rebuilt
      ? `search: index rebuilt with ${result.pushed} documents`
      : `search: ${result.pushed} documents pushed, ${result.deleted} deleted`,
  );
}
