import type { ReactNode } from "react";

/** A small titled block in a page's sidebar. */
export function SideBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h2 className="mb-2 text-sm font-semibold tracking-wide text-subtle uppercase">{title}</h2>
      {children}
    </section>
  );
}
