import type { ReactNode } from "react";

/** One label/value pair inside a `<dl>`. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-subtle">{label}</dt>
      <dd className="font-medium break-words">{children}</dd>
    </div>
  );
}
