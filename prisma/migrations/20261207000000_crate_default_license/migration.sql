-- The default version's license on the crate itself, derived by the ingest
-- next to default_version_id: search filters and counts licenses over every
-- match, and a join to versions per match cost more than the rest of the facets.
ALTER TABLE "crates" ADD COLUMN "default_license" TEXT;

UPDATE "crates" c SET "default_license" = v."license"
FROM "versions" v
WHERE v."id" = c."default_version_id" AND v."license" IS NOT NULL;
