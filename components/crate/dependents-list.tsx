import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { CurationBadges } from "@/components/view/curation-badges";
import { formatCount, formatNumber } from "@/lib/registry/format";
import type { DependentSort, DependentView } from "@/lib/registry/list-dependents";
import { routes } from "@/lib/routes";
import { ANY_LINE, lineLabel, UNREADABLE_LINE } from "@/lib/usage/cargo-req-line";

function lineNote(line: string): string {
  if (line === ANY_LINE) return "accepts any version";
  if (line === UNREADABLE_LINE) return "requirement not readable";
  return `line ${lineLabel(line)}`;
}

/** The figure a row shows on its right: the one the list is sorted by (downloads when sorted by name). */
function Figure({ dependent, sort, now }: { dependent: DependentView; sort: DependentSort; now?: Date }) {
  if (sort === "recent") {
    return (
      <span className="ml-auto text-subtle" title={`${formatNumber(dependent.recentDownloads)} downloads in the last 90 days`}>
        {formatCount(dependent.recentDownloads)} recent downloads
      </span>
    );
  }
  if (sort === "updated" && dependent.updatedAt) {
    return (
      <span className="ml-auto text-subtle">
        updated <TimeAgo date={dependent.updatedAt} now={now} />
      </span>
    );
  }
  return (
    <span className="ml-auto text-subtle" title={`${formatNumber(dependent.downloads)} downloads`}>
      {formatCount(dependent.downloads)} downloads
    </span>
  );
}

/** Crates that depend on this one, with the version requirement each uses and the release line it selects. */
export function DependentsList({
  dependents,
  start = 1,
  label,
  sort = "downloads",
  now,
}: {
  dependents: DependentView[];
  start?: number;
  label: string;
  sort?: DependentSort;
  now?: Date;
}) {
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
              ))}{" "}
              <span className="text-xs" data-testid="dependent-line">
                ({lineNote(d.line)})
              </span>
            </span>
            <Figure dependent={d} sort={sort} now={now} />
          </div>
          {d.description ? <p className="mt-0.5 break-words text-subtle">{d.description}</p> : null}
        </li>
      ))}
    </ol>
  );
}
