import type { Db } from "../reviews/db-types";
import type { ViewSummary } from "./filter-list-views";
import { loadViewSummaries } from "./load-view-summaries";

/** A view by slug, or null. */
export async function getView(db: Db, slug: string): Promise<ViewSummary | null> {
  return (await loadViewSummaries(db, { slug }))[0] ?? null;
}
