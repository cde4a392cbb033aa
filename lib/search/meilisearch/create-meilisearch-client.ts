import { Meilisearch } from "meilisearch";

export interface MeilisearchConnection {
  url: string;
  apiKey?: string;
  /** Limit for each HTTP request, in milliseconds. */
  timeoutMs: number;
}

/** The one way this app makes a Meilisearch client (the site's backend, the worker, the rebuild command). */
export function createMeilisearchClient(connection: MeilisearchConnection): Meilisearch {
  return new Meilisearch({ host: connection.url, apiKey: connection.apiKey, timeout: connection.timeoutMs });
}
