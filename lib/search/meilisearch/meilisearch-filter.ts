import type { SearchFilters } from "../search-backend";

// SearchFilters as Meilisearch filter expressions. Values come from users (the
// URL), so each one is a double-quoted string with `\` and `"` escaped: the
// parser reads everything up to the first unescaped `"` as the value, then
// unescapes `\"` and `\\` (and would read `\n`, `\u{…}` and the like as
// escapes, which is why a lone backslash must be doubled). Operators and
// keywords inside the quotes (`OR`, `TO`, `=`) are plain text. Control
// characters need no escape inside quotes; the JSON body carries them.
// Yanked crates are not filtered out: they are shown, ranked low (quality).

/** The filter: one expression per set filter, AND-ed by Meilisearch (the array form). */
export function meilisearchFilter(filters: SearchFilters): string[] {
  const expressions: string[] = [];
  if (filters.category !== undefined) expressions.push(`category_slugs = ${quoteFilterValue(filters.category)}`);
  if (filters.keyword !== undefined) expressions.push(`keywords = ${quoteFilterValue(filters.keyword)}`);
  if (filters.license !== undefined) expressions.push(`license = ${quoteFilterValue(filters.license)}`);
  return expressions;
}

/** A string as a Meilisearch filter value that matches exactly that string. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
