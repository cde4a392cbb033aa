import type { PrismaClient } from "../generated/prisma/client";

/** One ingest run as the status page shows it. */
export interface IngestRunView {
  id: number;
  source: string;
  status: "running" | "succeeded" | "failed";
  startedAt: Date;
  finishedAt: Date | null;
  crates: number | null;
  versions: number | null;
  dependencies: number | null;
  error: string | null;
}

/** The most recent ingest runs, newest first. */
export async function listIngestRuns(db: PrismaClient, limit = 20): Promise<IngestRunView[]> {
  const rows = await db.ingestRun.findMany({ orderBy: { id: "desc" }, take: limit });
  return rows.map((row) => {
    const counts = (row.counts ?? {}) as Record<string, unknown>;
    const count = (key: string) => (typeof counts[key] === "number" ? (counts[key] as number) : null);
    return {
      id: row.id,
      // Paths on the ingest machine say nothing useful to a visitor: keep the kind of source only.
      source: row.source.replace(/(index|dump):\S*/g, "$1").replace(/\s+/g, " + "),
      status: row.status === "running" || row.status === "succeeded" ? row.status : "failed",
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      crates: count("crates"),
      versions: count("versions"),
      dependencies: count("dependencies"),
      error: row.error,
    };
  });
}
