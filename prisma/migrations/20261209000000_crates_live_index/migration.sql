-- The crates search can list (not removed), by name: an empty search (browse
-- everything) counts them with an index-only scan of this index instead of
-- reading every crate row (the heap is 453 MB at full scale, READMEs
-- included): 230 ms -> 63 ms for 250,000 crates (bench/README.md). Index-only
-- scans need the visibility map, which the ingest's VACUUM of crates keeps.
CREATE INDEX "crates_live_name_lower_idx" ON "crates" ("name_lower") WHERE "removed_at" IS NULL;
