/**
 * An HTTP request to a sparse index that did not give a usable answer: the
 * retries ran out, or the answer can never become usable (a 403, a body over
 * the size limit, a refused host). Answers that arrived but are not index
 * data are IngestErrors instead, like a bad file in a checkout.
 */
export class SparseFetchError extends Error {
  constructor(
    readonly url: string,
    /** Requests made for this URL, retries included (0 when refused before sending). */
    readonly attempts: number,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(
      attempts > 1 ? `GET ${url} failed after ${attempts} attempts: ${detail}` : `GET ${url} failed: ${detail}`,
      options,
    );
    this.name = "SparseFetchError";
  }
}
