-- Usage statistics: figures derived from registry data after each ingest
-- (dependency graph, download trends), personal API tokens, and usage
-- reported from users' Cargo.lock files (crate/version pairs only; the
-- lockfile itself is never stored). See lib/usage/README.md.

-- Derived from the dependency graph of every crate's default version (normal
-- and build dependencies; fully yanked and removed crates left out, like
-- crates.reverse_dependency_count). Rebuilt after each ingest.
CREATE TABLE "crate_dependency_stats" (
    "crate_id" INTEGER NOT NULL,
    -- Crates that depend on this one directly or through other crates.
    "transitive_dependents" INTEGER NOT NULL DEFAULT 0,
    -- Direct dependents counted by the release line their requirement selects:
    -- {"1": 812, "0.9": 40, "*": 2}.
    "dependent_lines" JSONB NOT NULL DEFAULT '{}',
    -- The release line of the crate's default version ("1", "0.9", "0.0.3").
    "latest_line" TEXT,
    -- Crates most often depended on together with this one by its dependents:
    -- [{"name": "serde", "count": 120, "lift": 3.2}, ...], best first.
    "together" JSONB NOT NULL DEFAULT '[]',
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crate_dependency_stats_pkey" PRIMARY KEY ("crate_id")
);
ALTER TABLE "crate_dependency_stats" ADD CONSTRAINT "crate_dependency_stats_crate_id_fkey" FOREIGN KEY ("crate_id") REFERENCES "crates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Download growth per crate from version_downloads. Rebuilt after each ingest.
CREATE TABLE "crate_download_trends" (
    "crate_id" INTEGER NOT NULL,
    -- Downloads in the most recent period and the period before it.
    "recent" BIGINT NOT NULL DEFAULT 0,
    "previous" BIGINT NOT NULL DEFAULT 0,
    -- Damped growth (lib/usage/README.md); higher is trending.
    "score" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "computed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crate_download_trends_pkey" PRIMARY KEY ("crate_id")
);
CREATE INDEX "crate_download_trends_score_idx" ON "crate_download_trends"("score" DESC);
ALTER TABLE "crate_download_trends" ADD CONSTRAINT "crate_download_trends_crate_id_fkey" FOREIGN KEY ("crate_id") REFERENCES "crates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Personal API tokens (for CI uploads). Only a SHA-256 of the secret is kept;
-- the secret is shown once, when it is created.
CREATE TABLE "api_tokens" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    -- The first characters of the secret, to tell tokens apart in the list.
    "prefix" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMP(3),
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens"("user_id");
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One report per user and project: re-uploading the same project (same
-- fingerprint: its workspace packages' names) replaces it.
CREATE TABLE "usage_reports" (
    "id" SERIAL NOT NULL,
    "user_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    -- The project's own packages (no source in the lockfile), for the owner's list.
    "project" TEXT NOT NULL,
    "lockfile_version" INTEGER NOT NULL,
    "package_count" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_reports_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "usage_reports_user_id_fingerprint_key" ON "usage_reports"("user_id", "fingerprint");
ALTER TABLE "usage_reports" ADD CONSTRAINT "usage_reports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The registry packages of a report: crate name (lower case, as crates.name_lower) and version.
CREATE TABLE "usage_report_crates" (
    "report_id" INTEGER NOT NULL,
    "name_lower" TEXT NOT NULL,
    "version" TEXT NOT NULL,

    CONSTRAINT "usage_report_crates_pkey" PRIMARY KEY ("report_id", "name_lower", "version")
);
CREATE INDEX "usage_report_crates_name_lower_idx" ON "usage_report_crates"("name_lower");
ALTER TABLE "usage_report_crates" ADD CONSTRAINT "usage_report_crates_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "usage_reports"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Whether the user's public page lists the crates their reports contain.
ALTER TABLE "users" ADD COLUMN "share_usage" BOOLEAN NOT NULL DEFAULT false;
