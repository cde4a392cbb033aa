import type { PrismaClient } from "../../generated/prisma/client";
import { createMeilisearchClient } from "./create-meilisearch-client";
import type { Exchange, ReplayOptions, ReplayServer } from "./replay-server";
import type { SearchDocument } from "./search-document";

// Shared by the Meilisearch adapter's tests only.

/** The `now` the recordings were made with: the temporary index is `crates_<its milliseconds>`. */
export const RECORDED_NOW = new Date("2026-12-03T00:00:00Z");

/**
 * Quality's freshness part changes with the day the test runs, so document
 * bodies are compared without it; search-document.db.test.ts checks quality
 * against rank-score.ts instead.
 */
export const ignoreQuality: NonNullable<ReplayOptions["normalize"]> = (body) =>
  Array.isArray(body) ? body.map((item: unknown) => (isDocument(item) ? { ...item, quality: "(varies by day)" } : item)) : body;

function isDocument(item: unknown): item is SearchDocument {
  return typeof item === "object" && item !== null && "quality" in item && "name_canonical" in item;
}

export function clientFor(server: ReplayServer) {
  return createMeilisearchClient({ url: server.url, timeoutMs: 5_000 });
}

/** Marks every crate but `names` removed, so that a rebuild sends just those. */
export async function keepOnlyCrates(db: PrismaClient, names: string[]): Promise<void> {
  await db.$executeRaw`UPDATE crates SET removed_at = now() AT TIME ZONE 'UTC' WHERE name <> ALL(${names}::text[]) AND removed_at IS NULL`;
}

/** The documents a recording sends to an index, in order. */
export function sentDocuments(exchanges: Exchange[]): SearchDocument[] {
  return exchanges
    .filter((e) => e.request.method === "POST" && /^\/indexes\/[^/]+\/documents$/.test(e.request.path))
    .flatMap((e) => e.request.body as SearchDocument[]);
}
