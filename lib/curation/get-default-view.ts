import type { Db } from "../reviews/db-types";
import type { ViewSummary } from "./filter-list-views";
import { loadViewSummaries } from "./load-view-summaries";

/** The view every visitor starts with (the curation migration makes one), or null. */
export async function getDefaultView(db: Db): Promise<ViewSummary | null> {
  return (await loadViewSummaries(db, { isDefault: true }))[0] ?? null;
}
