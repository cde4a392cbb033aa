import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { internalError } from "@/lib/http/internal-error";
import { jsonError } from "@/lib/http/json-error";
import { userErrorResponse } from "@/lib/http/user-error-response";
import { parseSearchRequest } from "@/lib/search/parse-search-request";
import { searchForApi } from "@/lib/search/search-for-api";
import { searchRateLimited } from "@/lib/search/search-rate-limit";
import { searchResponseJson } from "@/lib/search/search-response-json";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const refused = searchRateLimited(request.headers);
  if (refused) return userErrorResponse({ route: "GET /api/v1/search" }, refused);
  const parsed = parseSearchRequest(request.nextUrl.searchParams);
  if (!parsed.ok) return jsonError(400, parsed.message);
  const search = parsed.request;

  try {
    const outcome = await searchForApi(getDb(), parsed);
    if (!outcome.ok) return jsonError(400, outcome.message);
    return Response.json(searchResponseJson(outcome.answer, outcome.view));
  } catch (error) {
    return internalError({ route: "GET /api/v1/search", q: search.q, page: search.page, sort: search.sort }, error);
  }
}
