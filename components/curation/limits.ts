import { MAX_LIST_BYTES } from "@/lib/curation/parse-filter-list";

/** Input bounds the curation forms announce (maxLength) and the actions enforce before the store runs its own checks. */
export const curationLimits = {
  slug: 63,
  title: 100,
  description: 1000,
  message: 500,
  /** A list's text: the parser's byte limit, counted here in characters (a byte is at least a character). */
  body: MAX_LIST_BYTES,
  /** A view's lists, one per line. */
  lists: 20_000,
  curator: 320,
} as const;
