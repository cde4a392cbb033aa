import { resolveCurrentView } from "../curation/current-view";
import type { PrismaClient } from "../generated/prisma/client";
import { getSearchBackend } from "./get-search-backend";
import { unknownFilterValue, type ParsedSearch } from "./parse-search-request";
import type { SearchResponse } from "./search-backend";
import type { AppliedView } from "./search-response-json";

export type ApiSearchOutcome = { ok: true; answer: SearchResponse; view: AppliedView | null } | { ok: false; message: string };

/**
 * A search as the JSON API answers it: filter values must exist, and the view
 * named by `view=` (else the default view, never the cookie's) applies.
 * A request that cannot be answered gives the message of its 400.
 */
export async function searchForApi(db: PrismaClient, parsed: Extract<ParsedSearch, { ok: true }>): Promise<ApiSearchOutcome> {
  const unknown = await unknownFilterValue(db, parsed.request.filters);
  if (unknown) return { ok: false, message: unknown };
  const view = await resolveCurrentView(db, parsed.view.slug, null);
  if (view?.unknownSlug) return { ok: false, message: `unknown view "${view.unknownSlug}": see /api/v1/views for the list` };
  const scoped = view ? { ...parsed.request, view: { viewId: view.id, showHidden: parsed.view.showHidden } } : parsed.request;
  const answer = await getSearchBackend().search(scoped);
  return { ok: true, answer, view: view ? { slug: view.slug, title: view.title } : null };
}
