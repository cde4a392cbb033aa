import { cookies } from "next/headers";
import { cache } from "react";
import { getDb } from "../db";
import { resolveCurrentView, SHOW_HIDDEN_PARAM, VIEW_COOKIE, VIEW_PARAM, type CurrentView, type ViewScope } from "./current-view";
import { withViewParams } from "./with-view-params";

/**
 * The view a page applies: `?view=` from its URL, else the visitor's cookie,
 * else the default view. Cached per request, so the header's chooser and the
 * page agree with one lookup.
 */
export const getPageView = cache(async (fromUrl: string | null | undefined): Promise<CurrentView | null> => {
  const remembered = (await cookies()).get(VIEW_COOKIE)?.value ?? null;
  return resolveCurrentView(getDb(), fromUrl, remembered);
});

/** The slug to carry in links: the current view unless it is the default (so shared links keep a chosen view). */
export function viewSlugForLinks(view: CurrentView | null): string | undefined {
  return view && !view.isDefault ? view.slug : undefined;
}

/** What a listing page needs of the view: which one, how to apply it, and how its links keep it. */
export interface ListingView {
  view: CurrentView | null;
  scope: ViewScope | null;
  showHidden: boolean;
  /** An internal URL with this view's parameters (and `hidden=show` while hidden crates are listed). */
  link: (href: string) => string;
  /** The same URL listing the hidden crates too, or not. */
  linkShowingHidden: (href: string, show: boolean) => string;
}

/** The view of a listing page from its query (`view`, `hidden=show`) and the visitor's cookie. */
export async function getListingView(query: Record<string, string | string[] | undefined>): Promise<ListingView> {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const view = await getPageView(first(query[VIEW_PARAM]));
  const showHidden = first(query[SHOW_HIDDEN_PARAM]) === "show";
  const slug = viewSlugForLinks(view);
  return {
    view,
    scope: view ? { viewId: view.id, showHidden } : null,
    showHidden,
    link: (href) => withViewParams(href, { view: slug, showHidden }),
    linkShowingHidden: (href, show) => withViewParams(href, { view: slug, showHidden: show }),
  };
}
