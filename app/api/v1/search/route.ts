import type { NextRequest } from "next/server";
import { resolveCurrentView } from "@/lib/curation/current-view";
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
    const db = getDb();
    const unknown = await unknownFilterValue(db, search.filters);
    if (unknown) return jsonError(400, unknown);
    // The API applies the default view unless `view=` names another; it never reads the cookie.
    const view = await resolveCurrentView(db, parsed.view.slug, null);
    if (view?.unknownSlug) return jsonError(400, `unknown view "${view.unknownSlug}": see /api/v1/views for the list`);
    const scoped = view ? { ...search, view: { viewId: view.id, showHidden: parsed.view.showHidden } } : search;
    const answer = await getSearchBackend().search(scoped);
    return Response.json(searchResponseJson(answer, view ? { slug: view.slug, title: view.title } : null));
  } catch (error) {
    return internalError({ route: "GET /api/v1/search", q: search.q, page: search.page, sort: search.sort }, error);
  }
}
