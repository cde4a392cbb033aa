import type { Db } from "../reviews/db-types";
import type { ViewSummary } from "./filter-list-views";
import { loadViewSummaries } from "./load-view-summaries";

/** Every view: the default first, then built-in ones, then by title. */
export async function listViews(db: Db): Promise<ViewSummary[]> {
  return loadViewSummaries(db);
}
