import { VIEW_PARAM } from "@/lib/curation/current-view";
import { routes } from "@/lib/routes";

/** The home page browsed through a view (the site reads `?view=` and remembers it). */
export function browseWithViewHref(slug: string): string {
  return `${routes.home()}?${VIEW_PARAM}=${encodeURIComponent(slug)}`;
}
