import { listViews } from "@/lib/curation/list-views";
import { getDb } from "@/lib/db";
import { userErrorResponse } from "@/lib/http/user-error-response";
import { routes } from "@/lib/routes";

export const dynamic = "force-dynamic";

/** Every view, with its lists in order and how many crates it hides. */
export async function GET(): Promise<Response> {
  try {
    const views = await listViews(getDb());
    return Response.json({
      views: views.map((view) => ({
        slug: view.slug,
        title: view.title,
        description: view.description,
        built_in: view.builtIn,
        is_default: view.isDefault,
        owner: view.owner ? { id: view.owner.id, name: view.owner.name } : null,
        lists: view.lists.map((item) =>
          item.kind === "list"
            ? { kind: "list", slug: item.slug, title: item.title }
            : {
                kind: "remote",
                url: item.url,
                title: item.title,
                fetched_at: item.fetchedAt?.toISOString() ?? null,
                fetch_error: item.fetchError,
              },
        ),
        evaluated_at: view.evaluatedAt?.toISOString() ?? null,
        hidden_count: view.hiddenCount,
        url: routes.view(view.slug),
        exports: { json: routes.viewExport(view.slug, "json"), cargo_deny: routes.viewExport(view.slug, "cargo-deny") },
      })),
    });
  } catch (error) {
    return userErrorResponse({ route: "GET /api/v1/views" }, error);
  }
}
