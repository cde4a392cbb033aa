-- The letters of a name in sorted order: two names with the same letters
-- differ only by swapped letters ("clpa" and "clap", "chorno" and "chrono"),
-- the commonest typo, which trigram similarity forgives badly in short words.
-- Search matches one-word queries on it (lib/search/postgres-search-backend.ts).
CREATE OR REPLACE FUNCTION "sorted_letters"("name" TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT string_agg(ch, '' ORDER BY ch COLLATE "C") FROM regexp_split_to_table(replace(replace("name", '-', ''), '_', ''), '') AS ch
$$;

CREATE INDEX "crates_name_letters_idx" ON "crates" ((sorted_letters("name_lower")));
