import { jsonError } from "@/lib/http/json-error";

/**
 * An export as an HTTP answer: JSON as JSON (the store may hand it over
 * already serialized), text and TOML as UTF-8 plain text, cargo-deny with a
 * file name to save it under.
 */
export function exportResponse(body: unknown, format: string, fileName: string): Response {
  if (format === "json") {
    if (typeof body !== "string") return Response.json(body);
    return new Response(body, { headers: { "Content-Type": "application/json; charset=utf-8" } });
  }
  const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8" };
  if (format === "cargo-deny") headers["Content-Disposition"] = `attachment; filename="${fileName}"`;
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { headers });
}

/** The `format` query parameter: the default when absent, else one of `formats` or a 400 naming them. */
export function parseFormat<F extends string>(value: string | null, formats: readonly F[], fallback: F): F | Response {
  const format = value?.trim() || fallback;
  if ((formats as readonly string[]).includes(format)) return format as F;
  return jsonError(400, `format must be one of: ${formats.join(", ")}`);
}
