import type { Prisma, PrismaClient } from "../generated/prisma/client";

/** A client or an open transaction: internal steps run inside the mutation's transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;
