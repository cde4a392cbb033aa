import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CurationBadges, CurationReason } from "@/components/view/curation-badges";
import { TimeAgo } from "@/components/ui/time-ago";
import type { CrateSummary } from "@/lib/registry/crate-summary";
import { formatCount, formatNumber } from "@/lib/registry/format";
import { routes } from "@/lib/routes";

export type CrateListEntry = CrateSummary & { exactMatch?: boolean };

/** One crate in a ranked list: name, version, description and the numbers people compare. */
export function CrateListItem({ crate }: { crate: CrateListEntry }) {
  const version = crate.defaultVersion ?? crate.maxVersion;
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <Link href={routes.crate(crate.name)} className="text-lg font-semibold break-all">
          {crate.name}
        </Link>
        {version ? <span className="font-mono text-sm break-all text-subtle">{version}</span> : null}
        {crate.exactMatch ? <Badge tone="brand">exact match</Badge> : null}
        <CurationBadges curation={crate.curation ?? null} />
      </div>
      <CurationReason curation={crate.curation ?? null} />
      {crate.description ? <p className="mt-0.5 break-words">{crate.description}</p> : null}
      <p className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-sm text-subtle">
        <span title={`${formatNumber(crate.downloads)} downloads`}>{formatCount(crate.downloads)} downloads</span>
        <span title={`${formatNumber(crate.reverseDependencies)} crates depend on it directly`}>
          {formatCount(crate.reverseDependencies)} {crate.reverseDependencies === 1 ? "dependent" : "dependents"}
        </span>
        {crate.updatedAt ? (
          <span>
            updated <TimeAgo date={crate.updatedAt} />
          </span>
        ) : null}
      </p>
    </li>
  );
}
