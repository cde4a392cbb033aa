import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { CrateCuration } from "@/lib/curation/crate-curation";
import { routes } from "@/lib/routes";
import { RuleLink } from "./rule-link";

/**
 * What the visitor's view says about a crate in a list: hidden (shown only
 * when hidden crates are listed), demoted, labels, and a recommended
 * replacement, each saying which list and line said so.
 */
export function CurationBadges({ curation }: { curation: CrateCuration | null }) {
  if (!curation) return null;
  const { action, decidedBy, labels, replaceWith } = curation;
  const why = decidedBy ? `${decidedBy.listSlug}, line ${decidedBy.line}${decidedBy.reason ? `: ${decidedBy.reason}` : ""}` : undefined;
  return (
    <>
      {action === "hide" ? (
        <Badge tone="danger" title={why}>
          hidden by this view
        </Badge>
      ) : null}
      {action === "demote" ? (
        <Badge tone="warn" title={why}>
          demoted
        </Badge>
      ) : null}
      {labels.map((label) => (
        <Badge key={label} tone={label === "deprecated" || label === "unmaintained" ? "warn" : label === "unsound" || label === "insecure" ? "danger" : "neutral"}>
          {label}
        </Badge>
      ))}
      {replaceWith ? (
        <span className="text-xs text-subtle">
          consider <Link href={routes.crate(replaceWith)}>{replaceWith}</Link> instead
        </span>
      ) : null}
    </>
  );
}

/** A line under a hidden or demoted crate saying which rule did it (for lists that show hidden crates). */
export function CurationReason({ curation }: { curation: CrateCuration | null }) {
  if (!curation?.decidedBy || (curation.action !== "hide" && curation.action !== "demote")) return null;
  const source = curation.decidedBy;
  return (
    <p className="mt-1 text-xs text-subtle">
      {curation.action === "hide" ? "Hidden" : "Demoted"} by <RuleLink source={source} />
      {source.reason ? <>: {source.reason}</> : null}
    </p>
  );
}
