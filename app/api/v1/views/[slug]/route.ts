import type { NextRequest } from "next/server";
import { exportResponse, parseFormat } from "@/components/curation/export-response";
import { exportView } from "@/lib/curation/export-view";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { jsonError } from "@/lib/http/json-error";
import { userErrorResponse } from "@/lib/http/user-error-response";

export const dynamic = "force-dynamic";

const formats = ["json", "cargo-deny"] as const;

/** One view: what it does to crates, as JSON or as a cargo-deny `[bans]` snippet. */
export async function GET(request: NextRequest, context: { params: Promise<{ slug: string }> }): Promise<Response> {
  const slug = decodeParam((await context.params).slug);
  const format = parseFormat(request.nextUrl.searchParams.get("format"), formats, "json");
  if (format instanceof Response) return format;
  try {
    const body = await exportView(getDb(), slug, format);
    if (body === null) return jsonError(404, `view \`${slug}\` not found`);
    return exportResponse(body, format, `deny-${slug}.toml`);
  } catch (error) {
    return userErrorResponse({ route: "GET /api/v1/views/[slug]", slug, format }, error);
  }
}
