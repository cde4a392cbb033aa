// Words people use for the same thing. Both backends read this list: the
// PostgreSQL backend expands each query word to the rest of its group,
// Meilisearch gets it as its `synonyms` setting. Only true equivalents belong
// here (a word, its abbreviation, its spelling variants), never related words
// ("serialization"/"serde", "http"/"https"), which would drown exact matches.
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ["async", "asynchronous"],
  ["cli", "command line"],
  ["regex", "regexp", "regular expression"],
  ["db", "database"],
  ["crypto", "cryptography"],
  ["tls", "ssl"],
  ["fs", "filesystem"],
  ["websocket", "websockets"],
  ["k8s", "kubernetes"],
  ["wasm", "webassembly"],
  ["gui", "graphical user interface"],
  ["tui", "terminal user interface"],
];

const byTerm = new Map<string, readonly string[]>();
for (const group of SYNONYM_GROUPS) for (const term of group) byTerm.set(term, group);

/** The other terms of `term`'s group (words or phrases; empty when it has none). */
export function synonymsOf(term: string): string[] {
  return (byTerm.get(term) ?? []).filter((t) => t !== term);
}

/** Meilisearch's `synonyms` setting: each term maps to the rest of its group, so they hold both ways. */
export function meilisearchSynonyms(): Record<string, string[]> {
  return Object.fromEntries([...byTerm.keys()].map((term) => [term, synonymsOf(term)]));
}
