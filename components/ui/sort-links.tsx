import Link from "next/link";

const chip = "inline-block rounded border px-2 py-0.5";

/**
 * A listing's orders as plain links (no JavaScript needed); the current one
 * is marked, not linked. `label` names the navigation ("Sort reviews").
 */
export function SortLinks<S extends string>({
  label,
  sorts,
  labels,
  current,
  hrefFor,
  className = "",
}: {
  label: string;
  sorts: readonly S[];
  labels: Record<S, string>;
  current: S;
  hrefFor: (sort: S) => string;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={`flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm ${className}`}>
      <span aria-hidden="true" className="text-subtle">
        Sort by
      </span>
      <ul className="flex flex-wrap items-center gap-1">
        {sorts.map((sort) => (
          <li key={sort}>
            {sort === current ? (
              <span aria-current="true" className={`${chip} border-brand bg-brand-soft font-semibold text-brand`}>
                <span className="sr-only">Sorted by </span>
                {labels[sort]}
              </span>
            ) : (
              <Link href={hrefFor(sort)} className={`${chip} border-line no-underline hover:bg-panel`}>
                <span className="sr-only">Sort by </span>
                {labels[sort]}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
