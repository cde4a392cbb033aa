-- Search ranks families with one window over the matches instead of looking
-- each root's parts up (that cost cheap searches ~3× their CPU), so nothing
-- reads this index any more.
DROP INDEX IF EXISTS "crates_family_root_id_idx";
