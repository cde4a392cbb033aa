import type { ReactNode } from "react";

/** A titled page section: an `h2` that also names the region for assistive technology. */
export function Section({
  id,
  title,
  aside,
  children,
  className = "",
}: {
  id: string;
  title: ReactNode;
  /** Shown beside the heading (a count, a "see all" link). */
  aside?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const headingId = `${id}-heading`;
  return (
    <section id={id} aria-labelledby={headingId} className={`scroll-mt-4 ${className}`}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 border-b border-line pb-1">
        <h2 id={headingId} className="text-lg font-semibold">
          {title}
        </h2>
        {aside ? <div className="text-sm text-subtle">{aside}</div> : null}
      </div>
      {children}
    </section>
  );
}
