import { z } from "zod";
import { checkAt, parseJsonAt } from "../ingest-error";
import type { IndexConfig } from "../read-index-dir";
import { decodeIndexBody } from "./decode-index-body";
import { getWithRetries, resolveHttpOptions, sparseBaseUrl, type SparseHttpOptions } from "./get-with-retries";

// Same shape as readIndexConfig's (not exported there); extra keys such as
// `auth-required` are dropped.
const sparseConfigSchema = z.object({
  dl: z.string().min(1),
  api: z.string().min(1).optional(),
}) satisfies z.ZodType<IndexConfig>;

/**
 * The index's `config.json`, with the retry, timeout, size and host rules of
 * fetchSparseIndex. A missing config is an error: every sparse index has one.
 */
export async function fetchSparseConfig(baseUrl: string, options: SparseHttpOptions = {}): Promise<IndexConfig> {
  const http = resolveHttpOptions(options);
  const url = new URL("config.json", sparseBaseUrl(baseUrl, http));
  const answer = await getWithRetries(
    url,
    {
      headers: {
        accept: "application/json, */*",
        "accept-encoding": "gzip",
        "cargo-protocol": "version=1",
        "user-agent": http.userAgent,
      },
      accept: [200],
    },
    http,
  );
  const where = answer.url.href;
  const text = decodeIndexBody(where, answer.headers, answer.body!);
  return checkAt(sparseConfigSchema, parseJsonAt(text, where, null), where, null);
}
