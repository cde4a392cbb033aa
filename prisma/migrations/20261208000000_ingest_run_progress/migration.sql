-- What a running ingest is doing (its current phase as a log line), written
-- every few seconds from a connection of its own (lib/ingest/report-progress.ts),
-- for the status page.
ALTER TABLE "ingest_runs" ADD COLUMN "progress" TEXT, ADD COLUMN "progress_at" TIMESTAMP(3);
