/** A JSON error answer: `{"error": message}` with the given status. */
export function jsonError(status: number, message: string): Response {
  return Response.json({ error: message }, { status });
}
