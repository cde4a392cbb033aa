import type { PrismaClient } from "../generated/prisma/client";
import { INGEST_LOCK_HELD_SQL } from "../ingest/ingest-lock";

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
  /** While running: the current phase as a log line ("dump: dependencies: 570 MB/956 MB (59%), …"), and when it was written. */
  progress: string | null;
  progressAt: Date | null;
  /**
   * For a running run, whether an ingest process is alive (holds the ingest
   * lock); false means it was killed and the next run will record it as
   * interrupted. Null for finished runs.
   */
  alive: boolean | null;
}

/** The most recent ingest runs, newest first. */
export async function listIngestRuns(db: PrismaClient, limit = 20): Promise<IngestRunView[]> {
  const rows = await db.ingestRun.findMany({ orderBy: { id: "desc" }, take: limit });
  const anyRunning = rows.some((row) => row.status === "running");
  const alive = anyRunning ? ((await db.$queryRawUnsafe<{ held: boolean }[]>(INGEST_LOCK_HELD_SQL))[0]?.held ?? false) : null;
  return rows.map((row) => {
    const counts = (row.counts ?? {}) as Record<string, unknown>;
    const count = (key: string) => (typeof counts[key] === "number" ? (counts[key] as number) : null);
    const running = row.status === "running";
    return {
      id: row.id,
      source: sourceKind(row.source),
      status: running ? "running" : row.status === "succeeded" ? "succeeded" : "failed",
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      crates: count("crates"),
      versions: count("versions"),
      dependencies: count("dependencies"),
      error: row.error,
      progress: running ? row.progress : null,
      progressAt: running ? row.progressAt : null,
      alive: running ? alive : null,
    };
  });
}

const SYNC_KINDS: Record<string, string> = { dir: "directory", git: "git", sparse: "HTTP" };

/**
 * The kind of source only ("index + dump", "index sync (git)"): paths on the
 * ingest machine say nothing useful to a visitor, and are not theirs to see.
 * Sources are written by runIngest (`index:<dir> dump:<path or URL>`) and
 * syncIndex (`index-sync:<dir|git|sparse>:<dir or URL>`).
 */
function sourceKind(source: string): string {
  return source
    .split(/\s+/)
    .filter(Boolean)
    .map((part) => {
      const sync = /^index-sync:(\w+):/.exec(part);
      if (sync) return `index sync (${SYNC_KINDS[sync[1]!] ?? sync[1]})`;
      return part.replace(/^(index|dump):.*$/, "$1");
    })
    .join(" + ");
}
