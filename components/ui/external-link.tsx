import type { ReactNode } from "react";
import { safeHttpUrl } from "@/lib/http/safe-http-url";

/**
 * A link to a URL someone else supplied (crate metadata): rendered only when it
 * is http(s), and marked so search engines do not follow it and the target page
 * gets no handle on ours. Anything else is shown as plain text.
 */
export function ExternalLink({ href, children, className }: { href: string | null; children?: ReactNode; className?: string }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <span className={className}>{children ?? href}</span>;
  return (
    <a href={safe} rel="nofollow noopener noreferrer" className={className}>
      {children ?? safe}
    </a>
  );
}
