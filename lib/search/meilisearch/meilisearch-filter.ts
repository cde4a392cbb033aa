import { MIN_RATING_RANGE, minRatingEntries, type SearchFilters } from "../search-backend";
import { ratingAttribute } from "./search-document";

// SearchFilters as Meilisearch filter expressions. Values come from users (the
// URL), so each one is a double-quoted string with `\` and `"` escaped: the
// parser reads everything up to the first unescaped `"` as the value, then
// unescapes `\"` and `\\` (and would read `\n`, `\u{…}` and the like as
// escapes, which is why a lone backslash must be doubled). Operators and
// keywords inside the quotes (`OR`, `TO`, `=`) are plain text. Control
// characters need no escape inside quotes; the JSON body carries them.
// Yanked crates are not filtered out: they are shown, ranked low (quality).
// Rating minimums are numbers, never text: each is checked to be a whole
// number in range again here and written as digits, so nothing from a request
// reaches the expression but one digit.

/** The filter: one expression per set filter, AND-ed by Meilisearch (the array form). */
export function meilisearchFilter(filters: SearchFilters): string[] {
  const expressions: string[] = [];
  if (filters.category !== undefined) expressions.push(`category_slugs = ${quoteFilterValue(filters.category)}`);
  if (filters.keyword !== undefined) expressions.push(`keywords = ${quoteFilterValue(filters.keyword)}`);
  if (filters.license !== undefined) expressions.push(`license = ${quoteFilterValue(filters.license)}`);
  for (const [criterion, min] of minRatingEntries(filters)) {
    if (!Number.isInteger(min) || min < MIN_RATING_RANGE.min || min > MIN_RATING_RANGE.max) {
      throw new RangeError(`a rating minimum must be a whole number from ${MIN_RATING_RANGE.min} to ${MIN_RATING_RANGE.max}, got ${min}`);
    }
    // Documents without the criterion's rating lack the field, which no comparison matches.
    expressions.push(`${ratingAttribute(criterion)} >= ${min}`);
  }
  return expressions;
}

/** A string as a Meilisearch filter value that matches exactly that string. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
