import Link from "next/link";
import { CurationBadges } from "@/components/view/curation-badges";
import { formatCount, formatNumber } from "@/lib/registry/format";
import type { DependentView } from "@/lib/registry/list-dependents";
import { routes } from "@/lib/routes";

/** Crates that depend on this one, with the version requirement each uses. */
export function DependentsList({ dependents, start = 1, label }: { dependents: DependentView[]; start?: number; label: string }) {
  return (
    <ol start={start} aria-label={label} className="divide-y divide-line text-sm">
      {dependents.map((d) => (
        <li key={d.name} className="py-2">
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <Link href={routes.crate(d.name)} className="font-semibold break-all">
              {d.name}
            </Link>
            {d.defaultVersion ? <span className="font-mono text-xs text-subtle">{d.defaultVersion}</span> : null}
            <CurationBadges curation={d.curation} />
            <span className="text-subtle">
              requires{" "}
              {d.reqs.map((req, i) => (
                <span key={req}>
                  {i > 0 ? ", " : null}
                  <code className="rounded bg-panel px-1 text-xs">{req}</code>
                </span>
              ))}
            </span>
            <span className="ml-auto text-subtle" title={`${formatNumber(d.downloads)} downloads`}>
              {formatCount(d.downloads)} downloads
            </span>
          </div>
          {d.description ? <p className="mt-0.5 break-words text-subtle">{d.description}</p> : null}
        </li>
      ))}
    </ol>
  );
}
