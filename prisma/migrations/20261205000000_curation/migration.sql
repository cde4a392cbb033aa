-- Curation: filter lists written by curators (text, one rule per line, see
-- lib/curation/README.md), their revisions and curators, copies of remote
-- lists fetched by https, views (ordered lists a visitor browses through),
-- per-crate heuristic facts computed from registry data, and the verdicts
-- materialized per view. Keyed by crate name (name_lower) without foreign keys
-- to registry tables, so re-ingests never touch them.

-- A list written on this site. body is the active text: the last version that
-- parsed without errors (a save with errors is refused and changes nothing).
CREATE TABLE "filter_lists" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "body" TEXT NOT NULL DEFAULT '',
    "revision" INTEGER NOT NULL DEFAULT 0,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filter_lists_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "filter_lists_slug_check" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
CREATE UNIQUE INDEX "filter_lists_slug_key" ON "filter_lists"("slug");
ALTER TABLE "filter_lists" ADD CONSTRAINT "filter_lists_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every saved version of a list, with the message its curator wrote.
CREATE TABLE "filter_list_revisions" (
    "id" SERIAL NOT NULL,
    "list_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "author_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filter_list_revisions_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "filter_list_revisions_list_id_number_key" ON "filter_list_revisions"("list_id", "number");
ALTER TABLE "filter_list_revisions" ADD CONSTRAINT "filter_list_revisions_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "filter_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "filter_list_revisions" ADD CONSTRAINT "filter_list_revisions_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Who may edit a list (besides admins).
CREATE TABLE "filter_list_curators" (
    "list_id" INTEGER NOT NULL,
    "user_id" TEXT NOT NULL,
    "added_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "filter_list_curators_pkey" PRIMARY KEY ("list_id", "user_id")
);
CREATE INDEX "filter_list_curators_user_id_idx" ON "filter_list_curators"("user_id");
ALTER TABLE "filter_list_curators" ADD CONSTRAINT "filter_list_curators_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "filter_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "filter_list_curators" ADD CONSTRAINT "filter_list_curators_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A list published elsewhere, fetched by https (a view's subscription or an
-- `include https://…` line). body is the last copy that fetched and parsed;
-- a failed fetch only records fetch_error and keeps it.
CREATE TABLE "remote_lists" (
    "url" TEXT NOT NULL,
    "body" TEXT,
    "title" TEXT,
    "etag" TEXT,
    "last_modified" TEXT,
    "refresh_minutes" INTEGER NOT NULL DEFAULT 1440,
    "fetched_at" TIMESTAMP(3),
    "last_attempt_at" TIMESTAMP(3),
    "fetch_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "remote_lists_pkey" PRIMARY KEY ("url"),
    CONSTRAINT "remote_lists_url_check" CHECK ("url" LIKE 'https://%' OR "url" LIKE 'http://%'),
    CONSTRAINT "remote_lists_refresh_check" CHECK ("refresh_minutes" BETWEEN 5 AND 43200)
);

-- A view: lists in order (position 0 decides first; lib/curation/README.md).
CREATE TABLE "views" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner_id" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "built_in" BOOLEAN NOT NULL DEFAULT false,
    "evaluated_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "views_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "views_slug_check" CHECK ("slug" ~ '^[a-z0-9][a-z0-9-]{1,62}$')
);
CREATE UNIQUE INDEX "views_slug_key" ON "views"("slug");
CREATE UNIQUE INDEX "views_one_default" ON "views"("is_default") WHERE "is_default";
ALTER TABLE "views" ADD CONSTRAINT "views_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The lists of a view, each a list of this site or a remote list.
CREATE TABLE "view_lists" (
    "view_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "list_id" INTEGER,
    "remote_url" TEXT,

    CONSTRAINT "view_lists_pkey" PRIMARY KEY ("view_id", "position"),
    CONSTRAINT "view_lists_one_source" CHECK (("list_id" IS NULL) <> ("remote_url" IS NULL))
);
CREATE INDEX "view_lists_list_id_idx" ON "view_lists"("list_id");
CREATE INDEX "view_lists_remote_url_idx" ON "view_lists"("remote_url");
ALTER TABLE "view_lists" ADD CONSTRAINT "view_lists_view_id_fkey" FOREIGN KEY ("view_id") REFERENCES "views"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "view_lists" ADD CONSTRAINT "view_lists_list_id_fkey" FOREIGN KEY ("list_id") REFERENCES "filter_lists"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "view_lists" ADD CONSTRAINT "view_lists_remote_url_fkey" FOREIGN KEY ("remote_url") REFERENCES "remote_lists"("url") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The heuristics that hold for each crate (only crates with at least one),
-- computed from registry data after each ingest (lib/curation/heuristics.ts).
CREATE TABLE "crate_heuristics" (
    "name_lower" TEXT NOT NULL,
    "heuristics" TEXT[] NOT NULL,

    CONSTRAINT "crate_heuristics_pkey" PRIMARY KEY ("name_lower")
);

-- What each view does to each crate it touches (crates no rule touches have
-- no row). sources is the Verdict of lib/curation/filter-list-types.ts: the
-- deciding rule, labels and replacement, each with its list and line.
CREATE TABLE "crate_verdicts" (
    "view_id" INTEGER NOT NULL,
    "name_lower" TEXT NOT NULL,
    "action" TEXT,
    "labels" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
    "replace_with" TEXT,
    "sources" JSONB NOT NULL,

    CONSTRAINT "crate_verdicts_pkey" PRIMARY KEY ("view_id", "name_lower"),
    CONSTRAINT "crate_verdicts_action_check" CHECK ("action" IS NULL OR "action" IN ('hide', 'demote', 'allow'))
);
CREATE INDEX "crate_verdicts_hidden_idx" ON "crate_verdicts"("view_id", "name_lower") WHERE "action" = 'hide';
-- A crate's verdicts in every view (search documents carry the views hiding it).
CREATE INDEX "crate_verdicts_name_lower_idx" ON "crate_verdicts"("name_lower");
ALTER TABLE "crate_verdicts" ADD CONSTRAINT "crate_verdicts_view_id_fkey" FOREIGN KEY ("view_id") REFERENCES "views"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The built-in list and the default view every visitor starts with.
INSERT INTO "filter_lists" ("slug", "title", "description", "body", "revision", "built_in") VALUES (
    'heuristics',
    'Built-in heuristics',
    'Placeholders, squatting bursts, fully yanked crates and crates that cannot build, found from registry data alone.',
    E'! Title: Built-in heuristics\n! Description: Placeholders, squatting bursts, fully yanked crates and crates that cannot build, found from registry data alone.\n! Version: 1\n! License: CC0-1.0\n\n# Names reserved without content.\nhide heuristic:placeholder # a placeholder: no code, description or repository\nlabel placeholder heuristic:placeholder\n# Many near-empty crates from one owner in a short time.\nhide heuristic:squatting-burst # one of many near-empty crates published by one owner within days\nlabel squatted heuristic:squatting-burst\n# Every version yanked: nothing to depend on.\ndemote heuristic:all-yanked # every version is yanked\nlabel broken heuristic:all-yanked\n# Every version needs a crate whose every version is yanked.\nlabel broken heuristic:depends-on-all-yanked # every version depends on a crate whose every version is yanked\ndemote heuristic:depends-on-all-yanked\n# Nothing to tell what it is.\ndemote heuristic:no-description-no-repository # no description and no repository\n',
    1,
    true
);
INSERT INTO "filter_list_revisions" ("list_id", "number", "body", "message")
    SELECT "id", 1, "body", 'The built-in heuristics list' FROM "filter_lists" WHERE "slug" = 'heuristics';
INSERT INTO "views" ("slug", "title", "description", "is_default", "built_in") VALUES (
    'default', 'Default', 'The built-in heuristics: placeholders and squatting bursts hidden, broken crates demoted.', true, true
);
INSERT INTO "view_lists" ("view_id", "position", "list_id")
    SELECT v."id", 0, l."id" FROM "views" v, "filter_lists" l WHERE v."slug" = 'default' AND l."slug" = 'heuristics';
INSERT INTO "views" ("slug", "title", "description", "built_in") VALUES (
    'everything', 'Everything', 'No curation: every crate the registry has, as it has it.', true
);
