import type { NextRequest } from "next/server";
import { getDb } from "@/lib/db";
import { internalError } from "@/lib/http/internal-error";
import { jsonError } from "@/lib/http/json-error";
import { getSearchBackend } from "@/lib/search/get-search-backend";
import { parseSearchRequest, unknownFilterValue } from "@/lib/search/parse-search-request";
import { searchResponseJson } from "@/lib/search/search-response-json";

export const dynamic = "force-dynamic";

export async function GET(request: NextRequest): Promise<Response> {
  const params = request.nextUrl.searchParams;
  const parsed = parseSearchRequest(params);
  if (!parsed.ok) return jsonError(400, parsed.message);
  const search = parsed.request;

  try {
    const unknown = await unknownFilterValue(getDb(), search.filters);
    if (unknown) return jsonError(400, unknown);
    return Response.json(searchResponseJson(await getSearchBackend().search(search)));
  } catch (error) {
    return internalError({ route: "GET /api/v1/search", q: search.q, page: search.page, sort: search.sort }, error);
  }
}
