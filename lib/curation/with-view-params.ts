import { SHOW_HIDDEN_PARAM, VIEW_PARAM } from "./current-view";

/**
 * An internal URL with the curated view's parameters added: `view=<slug>`
 * (when not the default) and `hidden=show` (when hidden crates are listed).
 */
export function withViewParams(href: string, params: { view?: string; showHidden?: boolean }): string {
  const [pathAndQuery, hash] = href.split("#", 2) as [string, string | undefined];
  const [path, query] = pathAndQuery.split("?", 2) as [string, string | undefined];
  const search = new URLSearchParams(query);
  if (params.view) search.set(VIEW_PARAM, params.view);
  else search.delete(VIEW_PARAM);
  if (params.showHidden) search.set(SHOW_HIDDEN_PARAM, "show");
  else search.delete(SHOW_HIDDEN_PARAM);
  const qs = search.toString();
  return `${path}${qs ? `?${qs}` : ""}${hash === undefined ? "" : `#${hash}`}`;
}
