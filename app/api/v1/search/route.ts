import type { NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { internalError } from "@/lib/http/internal-error";
import { jsonError } from "@/lib/http/json-error";
import { searchCrates } from "@/lib/search/search-crates";

export const dynamic = "force-dynamic";

const integerParam = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/, `${name} must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().int().min(min, `${name} must be at least ${min}`).max(max, `${name} must be at most ${max}`))
    .optional()
    .transform((v) => v ?? fallback);

const searchRequestSchema = z.object({
  // Any text is a valid query: searchTerms keeps the first 200 characters and
  // only letters and digits of them, so long or hostile input answers 200.
  q: z
    .string()
    .optional()
    .transform((v) => v ?? ""),
  page: integerParam("page", 1, 1_000_000, 1),
  per_page: integerParam("per_page", 1, 100, 20),
});

export async function GET(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  // `?page=` (empty) means the default, as a form left blank would send it.
  const param = (key: string) => params.get(key)?.trim() || undefined;
  const parsed = searchRequestSchema.safeParse({ q: param("q"), page: param("page"), per_page: param("per_page") });
  if (!parsed.success) {
    return jsonError(400, parsed.error.issues.map((issue) => issue.message).join("; "));
  }
  const { q, page, per_page } = parsed.data;

  try {
    const result = await searchCrates(getDb(), { q, page, perPage: per_page });
    return Response.json({
      total: result.total,
      page,
      per_page,
      results: result.results.map((hit) => ({
        name: hit.name,
        description: hit.description,
        max_version: hit.maxVersion,
        default_version: hit.defaultVersion,
        downloads: hit.downloads,
        recent_downloads: hit.recentDownloads,
        reverse_dependencies: hit.reverseDependencies,
        updated_at: hit.updatedAt?.toISOString() ?? null,
        exact_match: hit.exactMatch,
      })),
    });
  } catch (error) {
    return internalError({ route: "GET /api/v1/search", q, page, per_page }, error);
  }
}
