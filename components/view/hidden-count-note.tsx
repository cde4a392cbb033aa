import Link from "next/link";
import type { ListingView } from "@/lib/curation/get-page-view";
import { formatNumber } from "@/lib/registry/format";

/**
 * "12 crates hidden by the Default view: show them" under a list, or, while
 * they are shown, "12 crates hidden by … are listed, marked: hide them".
 * Nothing when the view hid nothing.
 */
export function HiddenCountNote({
  hidden,
  viewTitle,
  showing,
  showHref,
  hideHref,
}: {
  hidden: number | null;
  viewTitle: string;
  showing: boolean;
  showHref: string;
  hideHref: string;
}) {
  if (!hidden) return null;
  const crates = `${formatNumber(hidden)} ${hidden === 1 ? "crate" : "crates"}`;
  return (
    <p role="note" className="text-sm text-subtle">
      {showing ? (
        <>
          {crates} hidden by the {viewTitle} view {hidden === 1 ? "is" : "are"} listed here, marked. <Link href={hideHref}>Hide {hidden === 1 ? "it" : "them"}</Link>
        </>
      ) : (
        <>
          {crates} hidden by the {viewTitle} view. <Link href={showHref}>Show {hidden === 1 ? "it" : "them"}</Link>
        </>
      )}
    </p>
  );
}

/** HiddenCountNote for a listing page: its view, and its own URL (`href`) to show or hide the hidden crates on. */
export function ListingHiddenNote({ listing, hidden, href }: { listing: ListingView; hidden: number | null; href: string }) {
  if (!listing.view || !hidden) return null;
  return (
    <div className="mb-2">
      <HiddenCountNote
        hidden={hidden}
        viewTitle={listing.view.title}
        showing={listing.showHidden}
        showHref={listing.linkShowingHidden(href, true)}
        hideHref={listing.linkShowingHidden(href, false)}
      />
    </div>
  );
}
