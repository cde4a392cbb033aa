import Link from "next/link";
import { CurationBadges, CurationReason } from "@/components/view/curation-badges";
import { formatGrowth, formatPeriods } from "@/lib/usage/format-trend";
import type { TrendingCrate } from "@/lib/usage/list-trending-crates";
import { routes } from "@/lib/routes";

/** Crates ranked by download growth, each with its two periods ("+140% · 12,300 → 29,520 downloads in 28 days"). */
export function TrendingList({ crates, start = 1, label }: { crates: TrendingCrate[]; start?: number; label?: string }) {
  return (
    <ol start={start} aria-label={label} className="divide-y divide-line">
      {crates.map((crate) => {
        const version = crate.defaultVersion ?? crate.maxVersion;
        return (
          <li key={crate.name} className="py-3">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <Link href={routes.crate(crate.name)} className="text-lg font-semibold break-all">
                {crate.name}
              </Link>
              {version ? <span className="font-mono text-sm break-all text-subtle">{version}</span> : null}
              <CurationBadges curation={crate.curation ?? null} />
            </div>
            <CurationReason curation={crate.curation ?? null} />
            {crate.description ? <p className="mt-0.5 break-words">{crate.description}</p> : null}
            <p className="mt-1 text-sm">
              <span className="font-semibold text-ok">{formatGrowth(crate.growth)}</span>
              <span className="text-subtle"> · {formatPeriods(crate)}</span>
            </p>
          </li>
        );
      })}
    </ol>
  );
}
