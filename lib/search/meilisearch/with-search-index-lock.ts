import type { Prisma, PrismaClient } from "../../generated/prisma/client";

// Any constant works; it only has to be the same for every process that
// writes the index (the worker's push, the rebuild command).
const SEARCH_INDEX_LOCK_KEY = 72_707_370;

/** Longest a rebuild or push may hold the lock (a full rebuild of the registry takes minutes). */
const LOCK_TRANSACTION_TIMEOUT_MS = 2 * 60 * 60 * 1000;

/**
 * Runs `fn` in a transaction that holds the search index lock, so that a
 * rebuild and a push never interleave: a push sent to the index a rebuild is
 * about to swap away would be lost while search_documents said it was sent.
 * A second writer waits for the first. The transaction also makes the
 * search_documents update all or nothing: `fn` throws, nothing is recorded.
 */
export async function withSearchIndexLock<T>(db: PrismaClient, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEARCH_INDEX_LOCK_KEY}::bigint)`;
      return fn(tx);
    },
    { timeout: LOCK_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}

/** How often tryWithSearchIndexLock asks for the lock again. */
const TRY_LOCK_INTERVAL_MS = 100;

/**
 * Like withSearchIndexLock, but waits at most `waitMs` for the lock; if another
 * writer still holds it then, `fn` does not run and the answer is undefined.
 * For writers that must not keep a request waiting behind a rebuild.
 */
export async function tryWithSearchIndexLock<T>(
  db: PrismaClient,
  waitMs: number,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T | undefined> {
  return db.$transaction(
    async (tx) => {
      const deadline = Date.now() + waitMs;
      for (;;) {
        const [row] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SEARCH_INDEX_LOCK_KEY}::bigint) AS locked`;
        if (row?.locked) return fn(tx);
        if (Date.now() >= deadline) return undefined;
        await new Promise((resolve) => setTimeout(resolve, TRY_LOCK_INTERVAL_MS));
      }
    },
    { timeout: LOCK_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );
}
