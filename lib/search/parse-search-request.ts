import { z } from "zod";
import { cleanSlug, SHOW_HIDDEN_PARAM, VIEW_PARAM } from "../curation/current-view";
import type { PrismaClient } from "../generated/prisma/client";
import {
  MIN_RATING_PREFIX,
  MIN_RATING_RANGE,
  minRatingParam,
  RATING_CRITERIA,
  SEARCH_SORTS,
  type RatingCriterion,
  type SearchFilters,
  type SearchRequest,
} from "./search-backend";

// One reading of search parameters for the JSON API and the search page: any
// query text is valid (search-terms.ts makes it safe); everything else is
// checked and refused with a message a person can act on.

export const MAX_PAGE = 1000;
export const MAX_PER_PAGE = 100;
const MAX_FILTER_LENGTH = 200;

const wholeNumberOrAbsent = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .optional();

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  wholeNumberOrAbsent(name, min, max).transform((v) => v ?? fallback);

const filterValue = (name: string) =>
  z
    .string()
    .max(MAX_FILTER_LENGTH, `${name} must be at most ${MAX_FILTER_LENGTH} characters`)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), `${name} must not contain control characters`)
    .optional();

const schema = z.object({
  q: z
    .string()
    .optional()
    .transform((v) => v ?? ""),
  page: wholeNumber("page", 1, MAX_PAGE, 1),
  per_page: wholeNumber("per_page", 1, MAX_PER_PAGE, 20),
  sort: z
    .string()
    .optional()
    .transform((v) => v ?? "relevance")
    .refine((v): v is (typeof SEARCH_SORTS)[number] => (SEARCH_SORTS as readonly string[]).includes(v), {
      message: `sort must be one of: ${SEARCH_SORTS.join(", ")}`,
    }),
  category: filterValue("category"),
  keyword: filterValue("keyword"),
  license: filterValue("license"),
  facets: z
    .string()
    .optional()
    .refine((v) => v === undefined || ["true", "false"].includes(v), { message: `facets must be true or false` }),
});

const minRating = (criterion: RatingCriterion) => wholeNumberOrAbsent(minRatingParam(criterion), MIN_RATING_RANGE.min, MIN_RATING_RANGE.max);

const minRatingsSchema = z.object(
  Object.fromEntries(RATING_CRITERIA.map((criterion) => [criterion, minRating(criterion)])) as Record<RatingCriterion, ReturnType<typeof minRating>>,
);

/** The curated view a search names: `view=<slug>` (null: the caller's default) and `hidden=show`. */
export interface ViewChoice {
  slug: string | null;
  showHidden: boolean;
}

export type ParsedSearch = { ok: true; request: SearchRequest; view: ViewChoice } | { ok: false; message: string };

/**
 * Reads a search from query parameters. Empty values count as absent, as a
 * form left blank sends them. A `min_` parameter naming no rating criterion is
 * refused rather than ignored: a typo would otherwise filter nothing silently.
 */
export function parseSearchRequest(params: URLSearchParams, defaults: { perPage?: number; facets?: boolean } = {}): ParsedSearch {
  const get = (key: string) => params.get(key) ?? undefined;
  const param = (key: string) => get(key)?.trim() || undefined;
  const viewParam = param(VIEW_PARAM);
  if (viewParam !== undefined && cleanSlug(viewParam) === null) {
    return { ok: false, message: `${VIEW_PARAM} must be the slug of a view (lower case letters, digits and -; see /views)` };
  }
  const hiddenParam = param(SHOW_HIDDEN_PARAM);
  if (hiddenParam !== undefined && hiddenParam !== "show") {
    return { ok: false, message: `${SHOW_HIDDEN_PARAM} takes only "show" (list the crates the view hides, marked)` };
  }
  const unknownRating = [...new Set(params.keys())].find(
    (key) => key.startsWith(MIN_RATING_PREFIX) && !(RATING_CRITERIA as readonly string[]).includes(key.slice(MIN_RATING_PREFIX.length)),
  );
  if (unknownRating !== undefined) {
    return {
      ok: false,
      message: `unknown rating criterion "${unknownRating.slice(0, 60)}": use one of ${RATING_CRITERIA.map(minRatingParam).join(", ")}`,
    };
  }
  const parsed = schema.safeParse({
    q: get("q"),
    page: param("page"),
    per_page: param("per_page") ?? (defaults.perPage === undefined ? undefined : String(defaults.perPage)),
    sort: param("sort"),
    category: param("category"),
    keyword: param("keyword")?.toLowerCase(),
    license: param("license"),
    facets: param("facets"),
  });
  const ratings = minRatingsSchema.safeParse(Object.fromEntries(RATING_CRITERIA.map((criterion) => [criterion, param(minRatingParam(criterion))])));
  const issues = [...(parsed.success ? [] : parsed.error.issues), ...(ratings.success ? [] : ratings.error.issues)];
  if (!parsed.success || !ratings.success) return { ok: false, message: issues.map((issue) => issue.message).join("; ") };
  const { q, page, per_page, sort, category, keyword, license, facets } = parsed.data;
  const filters: SearchFilters = {};
  if (category !== undefined) filters.category = category;
  if (keyword !== undefined) filters.keyword = keyword;
  if (license !== undefined) filters.license = license;
  const minRatings = Object.fromEntries(Object.entries(ratings.data).filter(([, min]) => min !== undefined));
  if (Object.keys(minRatings).length > 0) filters.minRatings = minRatings;
  return {
    ok: true,
    request: { q, page, perPage: per_page, sort, filters, facets: facets === undefined ? (defaults.facets ?? false) : facets === "true" },
    view: { slug: viewParam === undefined ? null : cleanSlug(viewParam), showHidden: hiddenParam === "show" },
  };
}

/** A message for a category or keyword filter naming nothing the registry has, else null. */
export async function unknownFilterValue(db: PrismaClient, filters: SearchFilters): Promise<string | null> {
  const [category, keyword] = await Promise.all([
    filters.category === undefined ? null : db.category.findUnique({ where: { slug: filters.category }, select: { id: true } }),
    filters.keyword === undefined ? null : db.keyword.findUnique({ where: { keyword: filters.keyword }, select: { id: true } }),
  ]);
  if (filters.category !== undefined && !category) return `unknown category "${filters.category}": see /categories for the list`;
  if (filters.keyword !== undefined && !keyword) return `unknown keyword "${filters.keyword}"`;
  return null;
}
