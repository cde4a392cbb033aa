import type { NextRequest } from "next/server";
import { VIEW_PARAM } from "@/lib/curation/current-view";
import { getDb } from "@/lib/db";
import { internalError } from "@/lib/http/internal-error";
import { jsonError } from "@/lib/http/json-error";
import { userErrorResponse } from "@/lib/http/user-error-response";
import { siteOrigin } from "@/lib/http/site-origin";
import { routes } from "@/lib/routes";
import { parseSearchRequest } from "@/lib/search/parse-search-request";
import { searchForApi } from "@/lib/search/search-for-api";
import { searchRateLimited } from "@/lib/search/search-rate-limit";

export const dynamic = "force-dynamic";

/** Suggestions a browser's address bar shows as people type. */
const SUGGESTIONS = 8;

// Search suggestions in the OpenSearch Suggestions format that browsers read
// (opensearch.xml names this URL): [query, [crate names], [descriptions],
// [crate page URLs]]. Only `q` (and `view`) are read; the best matches of a
// relevance search, the same ones the search page starts with.
export async function GET(request: NextRequest): Promise<Response> {
  const refused = searchRateLimited(request.headers);
  if (refused) return userErrorResponse({ route: "GET /api/v1/suggest" }, refused);
  const given = request.nextUrl.searchParams;
  const params = new URLSearchParams({ q: given.get("q") ?? "" });
  const view = given.get(VIEW_PARAM);
  if (view !== null) params.set(VIEW_PARAM, view);
  const parsed = parseSearchRequest(params, { perPage: SUGGESTIONS, facets: false });
  if (!parsed.ok) return jsonError(400, parsed.message);
  const q = parsed.request.q;
  const headers = { "content-type": "application/x-suggestions+json; charset=utf-8" };
  if (q.trim() === "") return new Response(JSON.stringify([q, [], [], []]), { headers });

  try {
    const outcome = await searchForApi(getDb(), parsed);
    if (!outcome.ok) return jsonError(400, outcome.message);
    const hits = outcome.answer.results;
    const origin = siteOrigin(request);
    const body = [q, hits.map((h) => h.name), hits.map((h) => h.description ?? ""), hits.map((h) => `${origin}${routes.crate(h.name)}`)];
    return new Response(JSON.stringify(body), { headers });
  } catch (error) {
    return internalError({ route: "GET /api/v1/suggest", q }, error);
  }
}
