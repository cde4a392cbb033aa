import { listFilterLists } from "@/lib/curation/list-filter-lists";
import { getDb } from "@/lib/db";
import { userErrorResponse } from "@/lib/http/user-error-response";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

/** Every filter list of the site, with where to fetch each one. */
export async function GET(): Promise<Response> {
  try {
    const lists = await listFilterLists(getDb());
    return Response.json({
      lists: lists.map((list) => ({
        slug: list.slug,
        title: list.title,
        description: list.description,
        revision: list.revision,
        built_in: list.builtIn,
        updated_at: list.updatedAt.toISOString(),
        rule_count: list.ruleCount,
        curators: list.curators.map((c) => ({ id: c.id, name: c.name })),
        url: routes.list(list.slug),
        exports: {
          text: routes.listExport(list.slug, "text"),
          json: routes.listExport(list.slug, "json"),
          cargo_deny: routes.listExport(list.slug, "cargo-deny"),
        },
      })),
    });
  } catch (error) {
    return userErrorResponse({ route: "GET /api/v1/lists" }, error);
  }
}
