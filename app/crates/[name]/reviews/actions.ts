"use server";

import { refresh } from "next/cache";
import { headers } from "next/headers";
import type { FormMessageState } from "@/components/review/form-states";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { requestIp } from "@/lib/request-ip";
import { reportReview } from "@/lib/reviews/report-review";
import { voteReview } from "@/lib/reviews/vote-review";
import { actionError } from "./action-error";

// The small per-review forms (helpful, report). Identity and permissions come
// from the session through getActor(); the domain functions check everything
// the form sends (a forged reviewId, a vote on one's own review...).

export async function voteReviewAction(_state: FormMessageState, formData: FormData): Promise<FormMessageState> {
  const input = { reviewId: formData.get("reviewId"), helpful: formData.get("helpful") === "true" };
  try {
    await voteReview(getDb(), await getActor(), input, { ip: requestIp(await headers()) });
  } catch (error) {
    return { status: "error", message: actionError(error, { action: "voteReview", reviewId: input.reviewId }).message };
  }
  // The count and the button's state come from the server: show the new ones.
  refresh();
  return { status: "ok", message: null };
}

export async function reportReviewAction(_state: FormMessageState, formData: FormData): Promise<FormMessageState> {
  const details = formData.get("details");
  const input = {
    reviewId: formData.get("reviewId"),
    reason: formData.get("reason"),
    details: typeof details === "string" && details.trim() !== "" ? details : undefined,
  };
  try {
    await reportReview(getDb(), await getActor(), input, { ip: requestIp(await headers()) });
  } catch (error) {
    return { status: "error", message: actionError(error, { action: "reportReview", reviewId: input.reviewId }).message };
  }
  return { status: "ok", message: "Thank you: the moderators will look at this review." };
}
