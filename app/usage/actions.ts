"use server";

import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { routes } from "@/lib/routes";
import { deleteUsageReport } from "@/lib/usage/delete-usage-report";
import { setShareUsage } from "@/lib/usage/set-share-usage";
import { actionError } from "../crates/[name]/reviews/action-error";
import { usageErrorHref } from "@/components/usage/usage-error-href";

// The /usage page's buttons. deleteUsageReport and setShareUsage check who may
// (only the owner); these read the form and say how it went through the URL.

export async function deleteUsageReportAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.usage()));
  try {
    await deleteUsageReport(getDb(), actor, formData.get("reportId"));
  } catch (error) {
    redirect(usageErrorHref(actionError(error, { action: "deleteUsageReport" }).message));
  }
  redirect(routes.usage({ deleted: true }));
}

export async function setShareUsageAction(formData: FormData): Promise<void> {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.usage()));
  try {
    await setShareUsage(getDb(), actor, formData.get("share") === "yes");
  } catch (error) {
    redirect(usageErrorHref(actionError(error, { action: "setShareUsage" }).message));
  }
  redirect(routes.usage());
}
