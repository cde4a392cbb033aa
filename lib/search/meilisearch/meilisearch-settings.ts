import type { Settings } from "meilisearch";
import { RATING_CRITERIA } from "../search-backend";
import { meilisearchSynonyms } from "../synonyms";
import { ratingAttribute } from "./search-document";

// The crates index's settings, kept in code and applied by every full rebuild
// (rebuild-search-index.ts) to the fresh index before any document arrives.
// Changing them means running `npm run search:rebuild` once.

/** The primary key of the crates index: the crate's id in PostgreSQL. */
export const PRIMARY_KEY = "id";

export const MEILISEARCH_SETTINGS = {
  // Order is weight: a word in the name counts most, in the categories least
  // (the same order as PostgreSQL's search vector weights A to D).
  searchableAttributes: ["name", "keywords", "description", "categories"],
  // Meilisearch's defaults, then our quality score, then downloads to break
  // ties between equal (rounded) quality scores. "sort" comes FIRST, not in
  // its default place: an explicit sort (by downloads, by date) must order
  // every match, as on crates.io and in the PostgreSQL backend, not only the
  // matches within one text-relevance bucket. Without a `sort` parameter
  // (relevance) the rule does nothing, so relevance keeps the default order.
  // Newer servers split "attribute" into "attributeRank" and "wordPosition";
  // "attribute" still means both there.
  rankingRules: ["sort", "words", "typo", "proximity", "attribute", "exactness", "quality:desc", "downloads:desc"],
  // What SearchFilters and facets use: the facets, each criterion's rating
  // (`rating_documentation >= 4`), and the curated views' verdicts
  // (`NOT hidden_in_views = 3` leaves out what view 3 hides; see
  // meilisearch-filter.ts `viewFilter`).
  filterableAttributes: [
    "category_slugs",
    "keywords",
    "license",
    "all_yanked",
    ...RATING_CRITERIA.map(ratingAttribute),
    "hidden_in_views",
    "demoted_in_views",
  ],
  sortableAttributes: ["downloads", "recent_downloads", "updated_at", "created_at", "quality", ...RATING_CRITERIA.map(ratingAttribute)],
  typoTolerance: {
    enabled: true,
    // Meilisearch's defaults, on purpose: crate names are short, and one typo
    // in a 3- or 4-letter word ("log", "syn", "rand") matches too much.
    minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
  },
  // Only true synonyms, both ways; the list is shared with the PostgreSQL backend.
  synonyms: meilisearchSynonyms(),
  // Totals are exact up to this many matches (the default, 1,000, would cap
  // every broad query's count). Above the registry's size, so the empty query
  // counts every crate; deep pages cost only when someone asks for them.
  pagination: { maxTotalHits: 500_000 },
  // The top values by count, not the first ones alphabetically (the default):
  // the backend shows the FACET_LIMIT most frequent values of each facet.
  faceting: { maxValuesPerFacet: 100, sortFacetValuesBy: { "*": "count" } },
} satisfies Settings;
