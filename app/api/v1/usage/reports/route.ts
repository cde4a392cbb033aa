import { getDb } from "@/lib/db";
import { readLimitedBody, readLimitedForm } from "@/lib/http/read-limited-body";
import { userErrorResponse } from "@/lib/http/user-error-response";
import { requestIp } from "@/lib/request-ip";
import { routes } from "@/lib/routes";
import { authenticateApiToken } from "@/lib/usage/authenticate-api-token";
import { listUsageReports } from "@/lib/usage/list-usage-reports";
import { MAX_LOCKFILE_BYTES, MAX_LOCKFILE_FORM_BYTES } from "@/lib/usage/lockfile-limits";
import { saveUsageReport } from "@/lib/usage/save-usage-report";
import { UserError } from "@/lib/user-error";

export const dynamic = "force-dynamic";

/**
 * Uploads a usage report: the body is a Cargo.lock, the caller a personal API
 * token (`Authorization: Bearer cl_…`). 201 for a new project, 200 when it
 * replaced the report of the same project.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const db = getDb();
    const actor = await authenticateApiToken(db, request.headers.get("authorization"));
    const { bytes, fileName } = await lockfileFromBody(request);
    const saved = await saveUsageReport(db, actor, bytes, { ip: requestIp(request.headers), fileName });
    return Response.json(
      {
        id: saved.id,
        created: saved.created,
        project: saved.project,
        lockfile_version: saved.lockfileVersion,
        crates: saved.crates,
        ignored: { git: saved.ignored.git, path: saved.ignored.path, other_registry: saved.ignored.otherRegistry },
        url: routes.apiUsageReport(saved.id),
      },
      { status: saved.created ? 201 : 200 },
    );
  } catch (error) {
    return userErrorResponse({ route: "POST /api/v1/usage/reports" }, error);
  }
}

/**
 * The lockfile from the body: the body itself (`--data-binary @Cargo.lock`),
 * or the first file of a multipart form (`-F lockfile=@Cargo.lock`).
 */
async function lockfileFromBody(request: Request): Promise<{ bytes: Uint8Array; fileName?: string }> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data/i.test(type)) return { bytes: await readLimitedBody(request, MAX_LOCKFILE_BYTES, "The Cargo.lock") };
  const form = await readLimitedForm(request, MAX_LOCKFILE_FORM_BYTES, "The multipart body could not be read: send the Cargo.lock as the body, or as a file field.");
  const file = [...form.values()].find((value): value is File => value instanceof File);
  if (!file) throw new UserError("invalid", "The form has no file: send the Cargo.lock as the body, or as a file field.");
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || undefined };
}

/** The token owner's usage reports. */
export async function GET(request: Request): Promise<Response> {
  try {
    const db = getDb();
    const actor = await authenticateApiToken(db, request.headers.get("authorization"));
    const { reports, shareUsage } = await listUsageReports(db, actor);
    return Response.json({
      share_usage: shareUsage,
      reports: reports.map((r) => ({
        id: r.id,
        project: r.project,
        lockfile_version: r.lockfileVersion,
        packages: r.packageCount,
        crates: r.crates,
        created_at: r.createdAt.toISOString(),
        updated_at: r.updatedAt.toISOString(),
        url: routes.apiUsageReport(r.id),
      })),
    });
  } catch (error) {
    return userErrorResponse({ route: "GET /api/v1/usage/reports" }, error);
  }
}
