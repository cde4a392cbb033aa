import type { LineError } from "@/lib/curation/filter-list-types";
import { MAX_VIEW_LISTS } from "@/lib/curation/view-input";

const LIST_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

export type ViewListEntry = { list: string } | { url: string };

/**
 * The lists field of the view form, one list per line: `list:<slug>` or an
 * `https://` address. Blank lines and `#` comments are skipped; each bad line
 * is an error naming its line, so the form can say which one to fix.
 */
export function parseViewLists(text: string): { entries: ViewListEntry[]; errors: LineError[] } {
  const entries: ViewListEntry[] = [];
  const errors: LineError[] = [];
  const seen = new Map<string, number>();
  text.split(/\r\n?|\n/).forEach((raw, index) => {
    const line = index + 1;
    const value = raw.trim();
    if (value === "" || value.startsWith("#")) return;
    let entry: ViewListEntry;
    let key: string;
    if (value.toLowerCase().startsWith("list:")) {
      const slug = value.slice("list:".length).trim();
      if (!LIST_SLUG.test(slug)) {
        errors.push({ line, message: `"${slug}" is not a list slug; slugs are 2 to 63 lower-case letters, digits and -.` });
        return;
      }
      entry = { list: slug };
      key = `list:${slug}`;
    } else if (/^https:\/\//i.test(value)) {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        errors.push({ line, message: `"${value}" is not a valid address.` });
        return;
      }
      if (!url.hostname) {
        errors.push({ line, message: `"${value}" has no host name.` });
        return;
      }
      entry = { url: value };
      key = url.toString();
    } else {
      errors.push({ line, message: `Write list:<slug> or an https:// address, not "${value.slice(0, 80)}".` });
      return;
    }
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ line, message: `Already listed on line ${first}; give each list once.` });
      return;
    }
    seen.set(key, line);
    entries.push(entry);
  });
  if (entries.length === 0 && errors.length === 0) errors.push({ line: 1, message: "Give at least one list." });
  if (entries.length > MAX_VIEW_LISTS) errors.push({ line: 1, message: `A view may combine at most ${MAX_VIEW_LISTS} lists.` });
  return { entries, errors };
}
