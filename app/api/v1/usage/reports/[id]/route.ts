import { getDb } from "@/lib/db";
import { userErrorResponse } from "@/lib/http/user-error-response";
import { authenticateApiToken } from "@/lib/usage/authenticate-api-token";
import { deleteUsageReport } from "@/lib/usage/delete-usage-report";

export const dynamic = "force-dynamic";

/** Deletes one of the token owner's usage reports: 204, or 404 for anyone else's. */
export async function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const db = getDb();
    const actor = await authenticateApiToken(db, request.headers.get("authorization"));
    await deleteUsageReport(db, actor, (await params).id);
    return new Response(null, { status: 204 });
  } catch (error) {
    return userErrorResponse({ route: "DELETE /api/v1/usage/reports/[id]" }, error);
  }
}
