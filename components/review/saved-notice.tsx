/** Shown once after the review form redirects back (`?saved=created|updated`). */
export function SavedNotice({ saved }: { saved: string | undefined }) {
  if (saved !== "created" && saved !== "updated") return null;
  return (
    <p role="status" className="mb-4 rounded border border-ok/40 bg-ok-soft px-3 py-2 text-sm text-ok">
      {saved === "created" ? "Thank you: your review is published." : "Your review is updated; the earlier version is kept in its history."}
    </p>
  );
}
