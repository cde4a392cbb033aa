import type { NextRequest } from "next/server";
import { getAuthEnv } from "../env";

/**
 * The site's public origin for absolute links: AUTH_URL when set (behind a
 * proxy, the request's own origin is the internal one), else the origin the
 * request came to. A sign-in configuration that does not parse breaks sign-in,
 * which says so; it does not break links.
 */
export function siteOrigin(request: NextRequest): string {
  let configured: string | undefined;
  try {
    configured = getAuthEnv().AUTH_URL;
  } catch {
    configured = undefined;
  }
  return (configured ?? request.nextUrl.origin).replace(/\/+$/, "");
}
