import { formatDate } from "@/lib/registry/format";

/** Shown while a burst of reviews or votes keeps a crate's aggregates frozen. */
export function FrozenNotice({ since }: { since: Date }) {
  return (
    <p role="note" className="mb-4 rounded border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn">
      Ratings on this crate are frozen since <time dateTime={since.toISOString()}>{formatDate(since)}</time>: an unusual
      burst of reviews or votes is being checked by moderators. The scores shown are those from before the burst.
    </p>
  );
}
