import Link from "next/link";
import { routes } from "@/lib/routes";

const buttonClass =
  "inline-block rounded bg-brand px-3 py-1.5 text-sm font-semibold text-on-brand no-underline hover:bg-brand-strong hover:text-on-brand";

/** "Write a review", "Edit your review", or "Sign in to review" (back here afterwards). */
export function ReviewCallToAction({
  crateName,
  viewer,
  returnTo,
}: {
  crateName: string;
  /** Anonymous, signed in without a review of this crate, or with one. */
  viewer: "anonymous" | "new" | "reviewed";
  /** Where sign-in sends the person back to. */
  returnTo: string;
}) {
  if (viewer === "anonymous") {
    return (
      <Link href={routes.signIn(returnTo)} className={buttonClass}>
        Sign in to review
      </Link>
    );
  }
  return (
    <Link href={routes.writeReview(crateName)} className={buttonClass}>
      {viewer === "reviewed" ? "Edit your review" : "Write a review"}
    </Link>
  );
}
