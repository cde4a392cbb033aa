-- Crates that left the registry are marked, not deleted: user data keyed by
-- crate name (reviews, ratings, usage, list rules) keeps pointing at a row.
ALTER TABLE "crates" ADD COLUMN "removed_at" TIMESTAMP(3);

-- What the last index sync saw of each crate's index file, so that the next
-- sync reads, fetches and merges only what changed.
CREATE TABLE "index_files" (
    "name_lower" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "size" BIGINT,
    "mtime_ms" DOUBLE PRECISION,
    "sha256" TEXT,
    "etag" TEXT,
    "last_modified" TEXT,
    "synced_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "index_files_pkey" PRIMARY KEY ("name_lower")
);

-- Per-source sync state, e.g. the git commit an index checkout was last synced at.
CREATE TABLE "sync_state" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sync_state_pkey" PRIMARY KEY ("key")
);
