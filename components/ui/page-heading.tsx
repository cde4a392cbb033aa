import type { ReactNode } from "react";

/** The page's one `h1`, with an optional line under it. */
export function PageHeading({ children, lead }: { children: ReactNode; lead?: ReactNode }) {
  return (
    <header className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{children}</h1>
      {lead ? <p className="mt-1 text-subtle">{lead}</p> : null}
    </header>
  );
}
