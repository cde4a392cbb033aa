import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { readLimitedForm } from "@/lib/http/read-limited-body";
import { requestIp } from "@/lib/request-ip";
import { usageErrorHref } from "@/components/usage/usage-error-href";
import { routes } from "@/lib/routes";
import { MAX_LOCKFILE_FORM_BYTES } from "@/lib/usage/lockfile-limits";
import { saveUsageReport } from "@/lib/usage/save-usage-report";
import { UserError } from "@/lib/user-error";

export const dynamic = "force-dynamic";

/**
 * The upload form's target (a route handler rather than a server action, so
 * the file is read with a size limit instead of buffered whole). Signed in by
 * the session cookie; answers with a redirect to /usage carrying the outcome,
 * so it works the same with and without JavaScript.
 */
export async function POST(request: Request): Promise<Response> {
  const back = (path: string) => new Response(null, { status: 303, headers: { Location: path } });
  // Session cookies are SameSite=Lax already; a form posted from another site is refused as well.
  const origin = request.headers.get("origin");
  if (origin && origin !== new URL(request.url).origin && origin !== forwardedOrigin(request)) {
    return Response.json({ error: "Cross-site uploads are refused." }, { status: 403 });
  }
  const actor = await getActor();
  if (!actor) return back(routes.signIn(routes.usage()));

  try {
    const form = await readLimitedForm(request, MAX_LOCKFILE_FORM_BYTES, "The upload could not be read: send the form with a Cargo.lock file.");
    const file = form.get("lockfile");
    if (!(file instanceof File) || (file.size === 0 && file.name === "")) {
      throw new UserError("invalid", "Choose a Cargo.lock file to upload.");
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const saved = await saveUsageReport(getDb(), actor, bytes, { ip: requestIp(request.headers), fileName: file.name || "Cargo.lock" });
    return back(routes.usage({ saved: saved.id, replaced: !saved.created }));
  } catch (error) {
    if (error instanceof UserError) return back(usageErrorHref(error.message.slice(0, 500)));
    console.error("[usage] upload failed", { user: actor.id, error });
    return back(usageErrorHref("Something went wrong on our side and nothing was saved. Try again later."));
  }
}

/** The site's origin as a reverse proxy forwards it (Host / X-Forwarded-Proto), when the request URL is internal. */
function forwardedOrigin(request: Request): string | null {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host) return null;
  const proto = request.headers.get("x-forwarded-proto") ?? new URL(request.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}
