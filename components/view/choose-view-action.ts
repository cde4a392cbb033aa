"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { cleanSlug, VIEW_COOKIE } from "@/lib/curation/current-view";
import { withViewParams } from "@/lib/curation/with-view-params";
import { getDb } from "@/lib/db";

/** A year: the choice is a preference, like a theme. */
const COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/**
 * Remembers the view a visitor chose (a cookie; the default view clears it)
 * and sends them back to the page they were on, with the page's own `view=`
 * replaced so the new choice shows at once. An unknown view changes nothing.
 */
export async function chooseViewAction(formData: FormData): Promise<void> {
  const slug = cleanSlug(String(formData.get("view") ?? ""));
  const back = await backPath(formData.get("back"));
  const view = slug ? await getDb().view.findUnique({ where: { slug }, select: { slug: true, isDefault: true } }) : null;
  if (!view) redirect(back);
  const jar = await cookies();
  if (view.isDefault) jar.delete(VIEW_COOKIE);
  else jar.set(VIEW_COOKIE, view.slug, { httpOnly: true, sameSite: "lax", path: "/", maxAge: COOKIE_MAX_AGE, secure: process.env.NODE_ENV === "production" && (process.env.AUTH_URL ?? "").startsWith("https:") });
  redirect(withViewParams(back, { view: view.isDefault ? undefined : view.slug }));
}

/** The page to return to: the form's `back` field, else the Referer, as a path on this site. */
async function backPath(field: FormDataEntryValue | null): Promise<string> {
  if (typeof field === "string" && field) return safeCallbackPath(field);
  const referer = (await headers()).get("referer");
  if (!referer) return "/";
  try {
    const url = new URL(referer);
    return safeCallbackPath(`${url.pathname}${url.search}`);
  } catch {
    return "/";
  }
}
