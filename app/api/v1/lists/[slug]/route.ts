import type { NextRequest } from "next/server";
import { exportResponse, parseFormat } from "@/components/curation/export-response";
import { exportFilterList } from "@/lib/curation/export-filter-list";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { jsonError } from "@/lib/http/json-error";
import { userErrorResponse } from "@/lib/http/user-error-response";

export const dynamic = "force-dynamic";

const formats = ["json", "text", "cargo-deny"] as const;

/** One filter list: its text as written, JSON with the parsed rules, or a cargo-deny `[bans]` snippet. */
export async function GET(request: NextRequest, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const slug = decodeParam((await context.params).slug);
  const format = parseFormat(request.nextUrl.searchParams.get("format"), formats, "json");
  if (format instanceof Response) return format;
  try {
    const body = await exportFilterList(getDb(), slug, format);
    if (body === null) return jsonError(404, `filter list \`${slug}\` not found`);
    return exportResponse(body, format, `deny-${slug}.toml`);
  } catch (error) {
    return userErrorResponse({ route: "GET /api/v1/lists/[slug]", slug, format }, error);
  }
}
