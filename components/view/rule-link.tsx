import Link from "next/link";
import { ExternalLink } from "@/components/ui/external-link";
import type { VerdictSource } from "@/lib/curation/filter-list-types";
import { safeHttpUrl } from "@/lib/http/safe-http-url";
import { routes } from "@/lib/routes";

/** Where a rule is: its list's page at the rule's line, or the remote list's address. */
export function ruleHref(source: VerdictSource): string {
  return routes.listLine(source.listSlug, source.line);
}

/** "list-name, line 12" linking to the rule (a remote list links to its address). */
export function RuleLink({ source }: { source: VerdictSource }) {
  const remote = safeHttpUrl(source.listSlug);
  if (remote) {
    return (
      <>
        <ExternalLink href={remote}>{source.listSlug}</ExternalLink>, line {source.line}
      </>
    );
  }
  return (
    <Link href={ruleHref(source)}>
      {source.listSlug}, line {source.line}
    </Link>
  );
}
