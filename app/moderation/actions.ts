"use server";

import { redirect, unstable_rethrow } from "next/navigation";
import type { ModerationFormState } from "@/components/moderation/moderation-form-state";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { dismissReports } from "@/lib/reviews/dismiss-reports";
import { moderateReview } from "@/lib/reviews/moderate-review";
import { releaseRatingFreeze } from "@/lib/reviews/release-rating-freeze";
import { routes } from "@/lib/routes";
import { UserError } from "@/lib/user-error";
import { moderationDoneParam, type ModerationDone } from "./moderation-done";

// The moderation forms' server actions. Each one reads the actor from the
// session and lets the domain function decide: the role is checked there,
// not here and not only by the page that shows the form, because anyone can
// POST to an action. Success redirects back (POST-redirect-GET) with a fixed
// status code in the URL; a UserError's message goes back to the form.

/** Where a form wants to land after success: the queue unless it says the log. */
function backTo(formData: FormData, done: ModerationDone): string {
  const page = formData.get("back") === "log" ? routes.moderationLog() : routes.moderation();
  return `${page}?${moderationDoneParam}=${done}`;
}

async function decide(
  formData: FormData,
  done: ModerationDone,
  act: (db: PrismaClient, actor: Actor | null, reason: FormDataEntryValue | null) => Promise<void>,
): Promise<ModerationFormState> {
  const reason = formData.get("reason");
  const typed = typeof reason === "string" ? reason : "";
  try {
    await act(getDb(), await getActor(), reason);
  } catch (error) {
    unstable_rethrow(error);
    if (error instanceof UserError) return { error: error.message, reason: typed };
    // Our fault: logged with what was attempted; the moderator gets a plain message, never the cause.
    console.error("[moderation] action failed", { done, fields: Object.fromEntries(formData), error });
    return { error: "Something went wrong on our side and nothing was changed. Try again later.", reason: typed };
  }
  redirect(backTo(formData, done));
}

export async function hideReviewAction(_state: ModerationFormState, formData: FormData): Promise<ModerationFormState> {
  return decide(formData, "hidden", (db, actor, reason) =>
    moderateReview(db, actor, { reviewId: formData.get("reviewId"), action: "hide", reason }),
  );
}

export async function restoreReviewAction(_state: ModerationFormState, formData: FormData): Promise<ModerationFormState> {
  return decide(formData, "restored", (db, actor, reason) =>
    moderateReview(db, actor, { reviewId: formData.get("reviewId"), action: "restore", reason }),
  );
}

export async function dismissReportsAction(_state: ModerationFormState, formData: FormData): Promise<ModerationFormState> {
  return decide(formData, "dismissed", (db, actor, reason) =>
    dismissReports(db, actor, { reviewId: formData.get("reviewId"), reason }),
  );
}

export async function releaseFreezeAction(_state: ModerationFormState, formData: FormData): Promise<ModerationFormState> {
  return decide(formData, "released", (db, actor, reason) =>
    releaseRatingFreeze(db, actor, { crateName: formData.get("crateName"), reason }),
  );
}
