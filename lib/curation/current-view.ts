import type { PrismaClient } from "../generated/prisma/client";

/** The cookie that remembers the view a visitor chose (a view slug). */
export const VIEW_COOKIE = "view";

/** The query parameter naming a view in shared links and the API. */
export const VIEW_PARAM = "view";

/** The query parameter that lists the crates the view hides, marked as hidden. */
export const SHOW_HIDDEN_PARAM = "hidden";

/** The view a page or API request applies. */
export interface CurrentView {
  id: number;
  slug: string;
  title: string;
  isDefault: boolean;
  /** Where the choice came from: the URL wins over the cookie, the cookie over the default. */
  from: "url" | "cookie" | "default";
  /** A view named in the URL or cookie that does not exist (the default applies instead). */
  unknownSlug: string | null;
}

/** How listings apply a view: which one, and whether hidden crates are listed too (marked). */
export interface ViewScope {
  viewId: number;
  showHidden: boolean;
}

const viewSelect = { id: true, slug: true, title: true, isDefault: true } as const;

/**
 * The view for a request: `?view=<slug>` in the URL, else the remembered
 * cookie, else the site's default view. A slug that names no view falls back
 * to the default and says so (pages show a note; the API answers 400 instead,
 * see parse-view-param). Null only when the database has no default view,
 * which the curation migration creates.
 */
export async function resolveCurrentView(
  db: PrismaClient,
  fromUrl: string | null | undefined,
  fromCookie: string | null | undefined,
): Promise<CurrentView | null> {
  const wanted = cleanSlug(fromUrl) ?? cleanSlug(fromCookie);
  const from = cleanSlug(fromUrl) ? "url" : cleanSlug(fromCookie) ? "cookie" : "default";
  if (wanted) {
    const view = await db.view.findUnique({ where: { slug: wanted }, select: viewSelect });
    if (view) return { ...view, from, unknownSlug: null };
  }
  const fallback = await db.view.findFirst({ where: { isDefault: true }, select: viewSelect });
  if (!fallback) return null;
  return { ...fallback, from: "default", unknownSlug: wanted };
}

/** A view slug as views.slug allows it (lower case letters, digits, `-`), else null. */
export function cleanSlug(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  const slug = value.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9-]{1,62}$/.test(slug) ? slug : null;
}
