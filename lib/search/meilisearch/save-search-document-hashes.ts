import type { Prisma } from "../../generated/prisma/client";

export interface PushedDocument {
  id: number;
  nameLower: string;
  hash: string;
}

const CHUNK = 10_000;

/**
 * Records documents the index now holds (after their tasks succeeded). With
 * `replaceAll` (a full rebuild) every other row goes: the new index holds
 * exactly these documents.
 */
export async function saveSearchDocumentHashes(
  tx: Prisma.TransactionClient,
  documents: PushedDocument[],
  options: { replaceAll: boolean },
): Promise<void> {
  if (options.replaceAll) await tx.$executeRaw`DELETE FROM search_documents`;
  for (let start = 0; start < documents.length; start += CHUNK) {
    const chunk = documents.slice(start, start + CHUNK);
    await tx.$executeRaw`
      INSERT INTO search_documents (crate_id, name_lower, doc_hash, pushed_at)
      SELECT id, name_lower, doc_hash, now() AT TIME ZONE 'UTC'
      FROM unnest(${chunk.map((d) => d.id)}::int[], ${chunk.map((d) => d.nameLower)}::text[], ${chunk.map((d) => d.hash)}::text[])
        AS t(id, name_lower, doc_hash)
      ON CONFLICT (crate_id) DO UPDATE
        SET name_lower = EXCLUDED.name_lower, doc_hash = EXCLUDED.doc_hash, pushed_at = EXCLUDED.pushed_at`;
  }
}

/** Forgets documents deleted from the index. */
export async function deleteSearchDocumentHashes(tx: Prisma.TransactionClient, crateIds: number[]): Promise<void> {
  if (crateIds.length > 0) await tx.$executeRaw`DELETE FROM search_documents WHERE crate_id = ANY(${crateIds}::int[])`;
}
