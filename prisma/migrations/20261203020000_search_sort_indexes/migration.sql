-- Search sorts without text (all crates, or a filter) read the first page
-- straight from an index instead of sorting every crate.
CREATE INDEX "crates_recent_downloads_idx" ON "crates"("recent_downloads" DESC);
CREATE INDEX "crates_created_at_idx" ON "crates"("created_at" DESC NULLS LAST);
