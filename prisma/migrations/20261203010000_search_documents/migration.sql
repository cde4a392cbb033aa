-- What the Meilisearch index holds, one row per crate document pushed to it
-- (lib/search/meilisearch/push-changed-documents.ts): the md5 of the
-- document's JSON as sent. A push sends the crates whose document hashes
-- differently now and deletes the rows' crates that are gone. No foreign key:
-- the row must outlive a deleted crate so that its document gets deleted too.
-- Only used when MEILI_URL is set; a full rebuild refills the table.
CREATE TABLE "search_documents" (
    "crate_id" INTEGER NOT NULL,
    "name_lower" TEXT NOT NULL,
    "doc_hash" TEXT NOT NULL,
    "pushed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "search_documents_pkey" PRIMARY KEY ("crate_id")
);
