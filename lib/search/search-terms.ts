// Turns free text into safe search terms. Only letters and digits survive, so
// no user input ever reaches to_tsquery's operator syntax (& | ! : * ( ) <->).
export const MAX_TERMS = 8;
export const MAX_QUERY_LENGTH = 200;

export interface SearchTerms {
  /** Lower-cased query trimmed to a name-like form, for exact and trigram name matching. */
  name: string;
  /** Words of the query, lower-cased, letters and digits only. */
  words: string[];
  /** True when the query is one token, so it may be a crate's exact name (a phrase never is). */
  singleToken: boolean;
}

export function searchTerms(raw: string): SearchTerms {
  const text = raw
    .normalize("NFKC")
    .replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, " ")
    .slice(0, MAX_QUERY_LENGTH)
    .toLowerCase()
    .trim();
  const words = Array.from(new Set(text.split(/[^\p{L}\p{N}]+/u).filter(Boolean))).slice(0, MAX_TERMS);
  const name = text.replace(/\s+/g, "-").replace(/[^a-z0-9_-]/g, "");
  return { name, words, singleToken: text !== "" && !/\s/.test(text) };
}

/** A crates.io name compared the way crates.io compares them: case and `-`/`_` do not matter. */
export function canonicalName(name: string): string {
  return name.toLowerCase().replace(/-/g, "_");
}

/** tsquery text in which every word is a prefix match, all words required. */
export function prefixTsquery(words: string[]): string {
  return words.map((w) => `${w}:*`).join(" & ");
}

/** tsquery text in which every word must match (stemmed by the caller's configuration). */
export function plainTsquery(words: string[]): string {
  return words.join(" & ");
}
