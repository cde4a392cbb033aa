import Link from "next/link";

/** Previous/next links with the current position; plain links, so it works without JavaScript. */
export function Pagination({
  page,
  totalPages,
  hrefFor,
  label = "Pagination",
}: {
  page: number;
  totalPages: number;
  hrefFor: (page: number) => string;
  label?: string;
}) {
  // Past the last page the caller shows a link back instead of "page 9 of 3".
  if (totalPages <= 1 || page > totalPages) return null;
  const hasPrev = page > 1;
  const hasNext = page < totalPages;
  const linkClass = "rounded border border-line px-3 py-1.5 font-medium no-underline hover:bg-panel";
  const disabledClass = "rounded border border-line px-3 py-1.5 text-subtle opacity-70";
  return (
    <nav aria-label={label} className="mt-6 flex flex-wrap items-center justify-between gap-3 text-sm">
      {hasPrev ? (
        <Link href={hrefFor(page - 1)} rel="prev" className={linkClass}>
          <span aria-hidden="true">← </span>Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          <span aria-hidden="true">← </span>Previous
        </span>
      )}
      <p className="text-subtle">
        Page {page} of {totalPages}
      </p>
      {hasNext ? (
        <Link href={hrefFor(page + 1)} rel="next" className={linkClass}>
          Next<span aria-hidden="true"> →</span>
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          Next<span aria-hidden="true"> →</span>
        </span>
      )}
    </nav>
  );
}
