import Link from "next/link";

/** Shown instead of an empty list when a page number runs past the end (an old or edited link). */
export function PastLastPage({ page, totalPages, lastPageHref }: { page: number; totalPages: number; lastPageHref: string }) {
  return (
    <p>
      There is no page {page}. <Link href={lastPageHref}>Go to the last page ({totalPages})</Link>.
    </p>
  );
}
