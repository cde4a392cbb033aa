import type { ViewScope } from "../../curation/current-view";
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
// reaches the expression but one digit. A curated view's id comes from our
// database, not from the request; it is still checked to be a positive
// integer (views.id, a SERIAL) and written as digits.

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

/** The largest views.id (a PostgreSQL integer). */
const MAX_VIEW_ID = 2_147_483_647;

/**
 * What a curated view adds to the filter: `NOT hidden_in_views = <id>` (the
 * crates the view hides left out), or nothing when hidden crates are shown.
 */
export function viewFilter(view: ViewScope): string[] {
  const id = viewIdDigits(view.viewId);
  return view.showHidden ? [] : [`NOT hidden_in_views = ${id}`];
}

/** The expression that selects only the crates a view hides (to count them). */
export function hiddenInViewFilter(viewId: number): string {
  return `hidden_in_views = ${viewIdDigits(viewId)}`;
}

function viewIdDigits(viewId: number): string {
  if (!Number.isInteger(viewId) || viewId < 1 || viewId > MAX_VIEW_ID) {
    throw new RangeError(`a view id must be a positive whole number, got ${String(viewId)}`);
  }
  return String(viewId);
}

/** A string as a Meilisearch filter value that matches exactly that string. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
