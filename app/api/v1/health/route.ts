export const dynamic = "force-dynamic";

// Liveness only: answers without touching the database.
export function GET(): Response {
  return Response.json({ ok: true });
}
