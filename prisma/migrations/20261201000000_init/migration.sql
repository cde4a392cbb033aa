-- Written by hand in the shape `prisma migrate diff --script` produces (its
-- engine cannot be downloaded here); the last section adds what the Prisma
-- schema cannot express.

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "DependencyKind" AS ENUM ('normal', 'build', 'dev');

-- CreateEnum
CREATE TYPE "OwnerKind" AS ENUM ('user', 'team');

-- CreateTable
CREATE TABLE "crates" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL,
    "description" TEXT,
    "homepage" TEXT,
    "documentation" TEXT,
    "repository" TEXT,
    "readme" TEXT,
    "created_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3),
    "downloads" BIGINT NOT NULL DEFAULT 0,
    "recent_downloads" BIGINT NOT NULL DEFAULT 0,
    "max_version" TEXT,
    "default_version_id" INTEGER,
    "version_count" INTEGER NOT NULL DEFAULT 0,
    "all_yanked" BOOLEAN NOT NULL DEFAULT false,
    "reverse_dependency_count" INTEGER NOT NULL DEFAULT 0,
    "search_vector" tsvector,

    CONSTRAINT "crates_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "versions" (
    "id" SERIAL NOT NULL,
    "crate_id" INTEGER NOT NULL,
    "num" TEXT NOT NULL,
    "sort_key" TEXT NOT NULL,
    "prerelease" BOOLEAN NOT NULL DEFAULT false,
    "yanked" BOOLEAN NOT NULL DEFAULT false,
    "checksum" TEXT NOT NULL,
    "features" JSONB NOT NULL DEFAULT '{}',
    "rust_version" TEXT,
    "links" TEXT,
    "index_schema" INTEGER NOT NULL DEFAULT 1,
    "published_at" TIMESTAMP(3),
    "license" TEXT,
    "crate_size" INTEGER,
    "edition" TEXT,
    "downloads" BIGINT NOT NULL DEFAULT 0,
    "published_by_id" INTEGER,

    CONSTRAINT "versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dependencies" (
    "id" SERIAL NOT NULL,
    "version_id" INTEGER NOT NULL,
    "crate_name" TEXT NOT NULL,
    "crate_id" INTEGER,
    "explicit_name" TEXT,
    "req" TEXT NOT NULL,
    "optional" BOOLEAN NOT NULL DEFAULT false,
    "default_features" BOOLEAN NOT NULL DEFAULT true,
    "features" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "target" TEXT,
    "kind" "DependencyKind" NOT NULL DEFAULT 'normal',

    CONSTRAINT "dependencies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "categories" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "crate_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "categories_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crate_categories" (
    "crate_id" INTEGER NOT NULL,
    "category_id" INTEGER NOT NULL,

    CONSTRAINT "crate_categories_pkey" PRIMARY KEY ("crate_id","category_id")
);

-- CreateTable
CREATE TABLE "keywords" (
    "id" SERIAL NOT NULL,
    "keyword" TEXT NOT NULL,
    "crate_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "keywords_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crate_keywords" (
    "crate_id" INTEGER NOT NULL,
    "keyword_id" INTEGER NOT NULL,

    CONSTRAINT "crate_keywords_pkey" PRIMARY KEY ("crate_id","keyword_id")
);

-- CreateTable
CREATE TABLE "registry_users" (
    "id" INTEGER NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT,
    "avatar" TEXT,
    "github_id" INTEGER,

    CONSTRAINT "registry_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registry_teams" (
    "id" INTEGER NOT NULL,
    "login" TEXT NOT NULL,
    "name" TEXT,
    "avatar" TEXT,
    "github_id" INTEGER,
    "org_id" INTEGER,

    CONSTRAINT "registry_teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crate_owners" (
    "id" SERIAL NOT NULL,
    "crate_id" INTEGER NOT NULL,
    "kind" "OwnerKind" NOT NULL,
    "user_id" INTEGER,
    "team_id" INTEGER,
    "created_at" TIMESTAMP(3),

    CONSTRAINT "crate_owners_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "version_downloads" (
    "version_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "downloads" INTEGER NOT NULL,

    CONSTRAINT "version_downloads_pkey" PRIMARY KEY ("version_id","date")
);

-- CreateTable
CREATE TABLE "ingest_runs" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "ingest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "crates_name_key" ON "crates"("name");

-- CreateIndex
CREATE UNIQUE INDEX "crates_name_lower_key" ON "crates"("name_lower");

-- CreateIndex
CREATE UNIQUE INDEX "crates_default_version_id_key" ON "crates"("default_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "versions_crate_id_num_key" ON "versions"("crate_id", "num");

-- CreateIndex
CREATE INDEX "dependencies_version_id_idx" ON "dependencies"("version_id");

-- CreateIndex
CREATE INDEX "dependencies_crate_id_idx" ON "dependencies"("crate_id");

-- CreateIndex
CREATE UNIQUE INDEX "categories_slug_key" ON "categories"("slug");

-- CreateIndex
CREATE INDEX "crate_categories_category_id_idx" ON "crate_categories"("category_id");

-- CreateIndex
CREATE UNIQUE INDEX "keywords_keyword_key" ON "keywords"("keyword");

-- CreateIndex
CREATE INDEX "crate_keywords_keyword_id_idx" ON "crate_keywords"("keyword_id");

-- CreateIndex
CREATE INDEX "registry_users_login_idx" ON "registry_users"("login");

-- CreateIndex
CREATE UNIQUE INDEX "registry_teams_login_key" ON "registry_teams"("login");

-- CreateIndex
CREATE INDEX "crate_owners_user_id_idx" ON "crate_owners"("user_id");

-- CreateIndex
CREATE INDEX "crate_owners_team_id_idx" ON "crate_owners"("team_id");

-- CreateIndex
CREATE UNIQUE INDEX "crate_owners_crate_id_kind_user_id_team_id_key" ON "crate_owners"("crate_id", "kind", "user_id", "team_id");

-- CreateIndex
CREATE INDEX "version_downloads_date_idx" ON "version_downloads"("date");

-- AddForeignKey
ALTER TABLE "crates" ADD CONSTRAINT "crates_default_version_id_fkey" FOREIGN KEY ("default_version_id") REFERENCES "versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "versions" ADD CONSTRAINT "versions_crate_id_fkey" FOREIGN KEY ("crate_id") REFERENCES "crates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "versions" ADD CONSTRAINT "versions_published_by_id_fkey" FOREIGN KEY ("published_by_id") REFERENCES "registry_users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dependencies" ADD CONSTRAINT "dependencies_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dependencies" ADD CONSTRAINT "dependencies_crate_id_fkey" FOREIGN KEY ("crate_id") REFERENCES "crates"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crate_categories" ADD CONSTRAINT "crate_categories_crate_id_fkey" FOREIGN KEY ("crate_id") REFERENCES "crates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crate_categories" ADD CONSTRAINT "crate_categories_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crate_keywords" ADD CONSTRAINT "crate_keywords_crate_id_fkey" FOREIGN KEY ("crate_id") REFERENCES "crates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crate_keywords" ADD CONSTRAINT "crate_keywords_keyword_id_fkey" FOREIGN KEY ("keyword_id") REFERENCES "keywords"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crate_owners" ADD CONSTRAINT "crate_owners_crate_id_fkey" FOREIGN KEY ("crate_id") REFERENCES "crates"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crate_owners" ADD CONSTRAINT "crate_owners_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "registry_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crate_owners" ADD CONSTRAINT "crate_owners_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "registry_teams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "version_downloads" ADD CONSTRAINT "version_downloads_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Not expressible in schema.prisma: search indexes and a byte-order sort key.
ALTER TABLE "versions" ALTER COLUMN "sort_key" SET DATA TYPE TEXT COLLATE "C";
CREATE INDEX "crates_search_vector_idx" ON "crates" USING GIN ("search_vector");
CREATE INDEX "crates_name_lower_trgm_idx" ON "crates" USING GIN ("name_lower" gin_trgm_ops);
CREATE INDEX "crates_downloads_idx" ON "crates"("downloads" DESC);
CREATE INDEX "crates_reverse_dependency_count_idx" ON "crates"("reverse_dependency_count" DESC);
CREATE INDEX "crates_updated_at_idx" ON "crates"("updated_at" DESC NULLS LAST);
