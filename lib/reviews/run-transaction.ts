import { Prisma, type PrismaClient } from "../generated/prisma/client";

/**
 * Runs a mutation in one transaction, so that it stores everything or nothing.
 * A unique-key race (two first saves of the same review at once) fails one of
 * them; it is run again once, and then sees the row the other one wrote.
 */
export async function runTransaction<T>(db: PrismaClient, work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  const options = { maxWait: 10_000, timeout: 30_000 };
  try {
    return await db.$transaction(work, options);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return db.$transaction(work, options);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
