-- The quality score of lib/search/rank-score.ts, in SQL so that searches can
-- sort by it. Keep the two identical: lib/search/rank-score.db.test.ts
-- compares them crate by crate. Timestamps are stored in UTC.
CREATE OR REPLACE FUNCTION "crate_quality"(
    "downloads" BIGINT,
    "recent_downloads" BIGINT,
    "reverse_dependencies" INTEGER,
    "updated_at" TIMESTAMP(3),
    "all_yanked" BOOLEAN
) RETURNS DOUBLE PRECISION
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT (
      0.25 * least(1, ln(1 + greatest("downloads", 0)::float8) / ln(1 + 1e8::float8))
    + 0.20 * least(1, ln(1 + greatest("recent_downloads", 0)::float8) / ln(1 + 1e7::float8))
    + 0.40 * least(1, ln(1 + greatest("reverse_dependencies", 0)::float8) / ln(1 + 1e4::float8))
    + 0.15 * coalesce(power(0.5::float8,
        greatest(0, extract(epoch FROM ((now() AT TIME ZONE 'UTC') - "updated_at"))::float8 / 86400) / 730), 0)
  ) * CASE WHEN "all_yanked" THEN 0.2 ELSE 1 END
$$;

-- "Did you mean": the closest keyword to a misspelt word.
CREATE INDEX "keywords_keyword_trgm_idx" ON "keywords" USING GIN ("keyword" gin_trgm_ops);

-- The exact-name match ("serde-json" finds serde_json) as an index, so that a
-- search's OR of full-text, trigram and exact name stays a bitmap index scan.
CREATE INDEX "crates_name_canonical_idx" ON "crates" ((replace("name_lower", '-', '_')));
