-- The sorted letters of each name, stored: a search that reads many crates
-- compares a stored string instead of calling sorted_letters() per row.
DROP INDEX IF EXISTS "crates_name_letters_idx";
ALTER TABLE "crates" ADD COLUMN "name_letters" TEXT GENERATED ALWAYS AS (sorted_letters("name_lower")) STORED;
CREATE INDEX "crates_name_letters_idx" ON "crates" ("name_letters");
