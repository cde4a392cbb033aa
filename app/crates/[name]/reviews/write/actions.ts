"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { reviewFormFields, type ReviewFormState, type ReviewFormValues } from "@/components/review/form-states";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { requestIp } from "@/lib/request-ip";
import { saveReview } from "@/lib/reviews/save-review";
import { routes } from "@/lib/routes";
import { actionError } from "../action-error";

function formValues(formData: FormData): ReviewFormValues {
  const values = {} as ReviewFormValues;
  for (const field of reviewFormFields) {
    const value = formData.get(field);
    values[field] = typeof value === "string" ? value : "";
  }
  return values;
}

/**
 * Creates or updates the signed-in person's review of a crate. saveReview
 * decides everything (who may, which crate, what is valid); this maps its
 * errors to the form and, on success, redirects to the crate's reviews with a
 * notice (so a reload does not post again).
 */
export async function saveReviewAction(state: ReviewFormState, formData: FormData): Promise<ReviewFormState> {
  const crateName = String(formData.get("crateName") ?? "");
  const values = formValues(formData);
  let saved: { id: number; created: boolean };
  try {
    const actor = await getActor();
    const result = await saveReview(getDb(), actor, { crateName, ...values }, { ip: requestIp(await headers()) });
    saved = { id: result.review.id, created: result.created };
  } catch (error) {
    const failure = actionError(error, { action: "saveReview", crateName });
    // The session ended while the form was open: sign in again, then come back.
    if (failure.kind === "unauthenticated") redirect(routes.signIn(routes.writeReview(crateName)));
    return { status: "error", message: failure.message, fields: failure.fields, values, attempt: state.attempt + 1 };
  }
  redirect(`${routes.crateReviews(crateName, { saved: saved.created ? "created" : "updated" })}#review-${saved.id}`);
}
