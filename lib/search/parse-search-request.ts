import { z } from "zod";
import type { PrismaClient } from "../generated/prisma/client";
import { SEARCH_SORTS, type SearchFilters, type SearchRequest } from "./search-backend";

// One reading of search parameters for the JSON API and the search page: any
// query text is valid (search-terms.ts makes it safe); everything else is
// checked and refused with a message a person can act on.

export const MAX_PAGE = 1000;
export const MAX_PER_PAGE = 100;
const MAX_FILTER_LENGTH = 200;

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .optional()
    .transform((v) => v ?? fallback);

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

export type ParsedSearch = { ok: true; request: SearchRequest } | { ok: false; message: string };

/**
 * `get` returns a parameter's value or undefined. Empty values count as
 * absent, as a form left blank sends them.
 */
export function parseSearchRequest(get: (key: string) => string | undefined, defaults: { perPage?: number; facets?: boolean } = {}): ParsedSearch {
  const param = (key: string) => get(key)?.trim() || undefined;
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
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((issue) => issue.message).join("; ") };
  const { q, page, per_page, sort, category, keyword, license, facets } = parsed.data;
  const filters: SearchFilters = {};
  if (category !== undefined) filters.category = category;
  if (keyword !== undefined) filters.keyword = keyword;
  if (license !== undefined) filters.license = license;
  return {
    ok: true,
    request: { q, page, perPage: per_page, sort, filters, facets: facets === undefined ? (defaults.facets ?? false) : facets === "true" },
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
