import { signNotice } from "@/lib/http/signed-notice";
import { routes } from "@/lib/routes";

/** /usage showing a refusal; signed, so that the page shows only messages this site wrote. */
export function usageErrorHref(message: string): string {
  return routes.usage({ error: message, sig: signNotice(message) ?? undefined });
}
