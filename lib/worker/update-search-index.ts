import type { JobOutcome } from "./ingest-jobs";

/**
 * Called by the worker after every successful ingest run, with that run's
 * outcome. This is where a search backend outside PostgreSQL gets the changes
 * pushed to it: the Meilisearch adapter (issue 4) will send the crates the run
 * changed from here, and a failure here fails the job like a failed ingest.
 *
 * Today search is PostgreSQL's own full-text index: the ingest recomputes each
 * crate's search vector inside its transaction, so the search index is already
 * current when the run commits and there is nothing to push. The function
 * stays, and stays called, so that the adapter has exactly one place to hook in.
 */
export async function updateSearchIndex(_outcome: JobOutcome, _log: (message: string) => void): Promise<void> {}
