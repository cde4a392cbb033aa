import { NextResponse, type NextRequest } from "next/server";
import { getSearchEnv } from "@/lib/env";
import { requestIp } from "@/lib/request-ip";
import { createSearchRateLimiter, type SearchRateLimiter } from "@/lib/search/search-rate-limit";

// Runs before the routes `config.matcher` names: the search page, the search
// API and the address bar's suggestions, which are what a script can make
// expensive (an uncached broad search costs the database hundreds of
// milliseconds). Each client address gets SEARCH_RATE_LIMIT_PER_MINUTE
// searches a minute, in bursts of up to a third of that; past it, a 429 with
// Retry-After (JSON for the API, text for the page).

/** Client addresses remembered (a few dozen bytes each). */
const MAX_CLIENTS = 50_000;

let limiter: SearchRateLimiter | undefined;

function searchRateLimiter(): SearchRateLimiter {
  const perMinute = getSearchEnv().SEARCH_RATE_LIMIT_PER_MINUTE;
  limiter ??= createSearchRateLimiter({ perMinute, burst: Math.max(1, Math.round(perMinute / 3)), maxClients: MAX_CLIENTS });
  return limiter;
}

export function proxy(request: NextRequest): NextResponse {
  const decision = searchRateLimiter().take(requestIp(request.headers));
  if (decision.ok) return NextResponse.next();
  const headers = { "retry-after": String(decision.retryAfterSeconds) };
  if (request.nextUrl.pathname.startsWith("/api/")) return NextResponse.json({ error: decision.message }, { status: 429, headers });
  return new NextResponse(decision.message, { status: 429, headers: { ...headers, "content-type": "text/plain; charset=utf-8" } });
}

export const config = { matcher: ["/search", "/api/v1/search", "/api/v1/suggest"] };
