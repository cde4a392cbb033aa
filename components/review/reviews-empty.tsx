import type { ReactNode } from "react";

/** No reviews yet, with the way to write the first (or sign in to). */
export function ReviewsEmpty({ action }: { action: ReactNode }) {
  return (
    <div className="rounded border border-dashed border-line px-4 py-6 text-center">
      <p className="font-medium">No reviews yet. Be the first to review this crate.</p>
      <div className="mt-3">{action}</div>
    </div>
  );
}
