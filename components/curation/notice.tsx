import type { ReactNode } from "react";

/** A one-off success notice after a redirect (`?saved=N`). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="mb-4 rounded border border-ok/40 bg-ok-soft px-3 py-2 text-sm text-ok">
      {children}
    </p>
  );
}
