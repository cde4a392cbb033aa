import { searchTerms } from "./search-terms";

// Marks where the words of a query appear in a crate's name or description, so
// pages can wrap them in <mark>. Pure and framework-free: it returns plain text
// segments, never HTML, so nothing a crate author wrote can become markup.
//
// A query word matches a word of the text when it is that word or its start
// ("serd" marks "serd" in "serde"), case-insensitively; words are runs of
// letters, combining marks and digits, so `serde_json` and `http-client` are
// two words each. The query is split exactly as the search backend splits it
// (searchTerms), so what is marked is what was searched for.

export interface HighlightSegment {
  text: string;
  /** True when this segment matched a query word. */
  match: boolean;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MARK = /^\p{M}/u;

/** Splits `text` into segments; joined back together they are `text`, unchanged. */
export function highlight(text: string, query: string): HighlightSegment[] {
  if (!text) return [];
  const words = searchTerms(query).words;
  if (words.length === 0) return [{ text, match: false }];

  const segments: HighlightSegment[] = [];
  let plainStart = 0;
  for (const found of text.matchAll(WORD)) {
    const length = matchedPrefixLength(found[0], words);
    if (length === 0) continue;
    const start = found.index;
    if (start > plainStart) segments.push({ text: text.slice(plainStart, start), match: false });
    segments.push({ text: text.slice(start, start + length), match: true });
    plainStart = start + length;
  }
  if (plainStart < text.length) segments.push({ text: text.slice(plainStart), match: false });
  return segments;
}

/**
 * Length in UTF-16 units of the longest start of `word` that equals one of the
 * (lower-cased, NFKC) query words, or 0. It walks whole code points, so a
 * surrogate pair is never split, and never ends a match just before a
 * combining mark (`cafe` does not mark half of `café` written as e + ◌́).
 */
function matchedPrefixLength(word: string, queryWords: string[]): number {
  let best = 0;
  let end = 0;
  for (const char of word) {
    end += char.length;
    const next = word.slice(end);
    if (next && MARK.test(next)) continue;
    const prefix = word.slice(0, end).normalize("NFKC").toLowerCase();
    if (queryWords.includes(prefix)) best = end;
    else if (!queryWords.some((q) => q.startsWith(prefix))) break;
  }
  return best;
}
