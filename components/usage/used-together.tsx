import Link from "next/link";
import { formatNumber } from "@/lib/registry/format";
import { routes } from "@/lib/routes";
import { formatShare } from "./format-share";

export interface TogetherFromDependents {
  name: string;
  /** Dependents of the crate that also depend on this one. */
  count: number;
  /** How many times more often than crates in general. */
  lift: number;
}

export interface TogetherFromReports {
  name: string;
  /** Uploaded projects that have both. */
  count: number;
}

function formatLift(lift: number): string {
  return lift >= 10 ? `${Math.round(lift)}×` : `${lift.toFixed(1)}×`;
}

/**
 * "Often used together": crates that the crate's dependents also depend on
 * far more than crates in general do (crate_dependency_stats.together), and,
 * when given, what users' uploaded Cargo.lock files have beside it.
 */
export function UsedTogether({
  crateName,
  dependentCount,
  fromDependents,
  fromReports,
  reportCount,
}: {
  crateName: string;
  /** Direct dependents the figures were computed over. */
  dependentCount: number;
  /** Best first; null when the figures were not computed yet (they are, after each data load). */
  fromDependents: TogetherFromDependents[] | null;
  fromReports?: TogetherFromReports[];
  /** Projects (uploaded lockfiles) containing the crate, for the reports' sentence. */
  reportCount?: number;
}) {
  const reports = fromReports ?? [];
  const entries = fromDependents ?? [];
  const top = entries[0];
  return (
    <div className="space-y-4 text-sm">
      {top ? (
        <div>
          <p data-testid="used-together-summary">
            Among the {formatNumber(dependentCount)} {dependentCount === 1 ? "crate" : "crates"} that depend on {crateName},{" "}
            {formatShare(top.count / dependentCount)} also depend on <Link href={routes.crate(top.name)}>{top.name}</Link>.
          </p>
          <p className="mt-1 text-subtle">
            Crates that {crateName}&apos;s dependents use far more often than crates in general do, best first.
          </p>
          <ol aria-label={`Crates often used together with ${crateName}`} className="mt-2 divide-y divide-line">
            {entries.map((t) => (
              <li key={t.name} className="flex flex-wrap items-baseline gap-x-3 py-1.5">
                <Link href={routes.crate(t.name)} className="font-semibold break-all">
                  {t.name}
                </Link>
                <span className="text-subtle">
                  {formatNumber(t.count)} of {formatNumber(dependentCount)} dependents ({formatShare(t.count / dependentCount)}),{" "}
                  <span title="How many times more often than among all crates with dependencies">{formatLift(t.lift)} as often as crates in general</span>
                </span>
              </li>
            ))}
          </ol>
        </div>
      ) : (
        <p className="text-subtle" data-testid="used-together-empty">
          {fromDependents === null
            ? `What ${crateName}'s dependents use beside it is worked out after each data load; it has not been yet.`
            : dependentCount < 2
              ? `Too few crates depend on ${crateName} to tell what is used beside it.`
              : `No crate stands out among what ${crateName}'s dependents also depend on.`}
        </p>
      )}
      {reports.length > 0 ? (
        <div>
          <p>
            In the Cargo.lock files users <Link href={routes.usage()}>uploaded</Link>
            {reportCount ? `, ${formatNumber(reportCount)} ${reportCount === 1 ? "project has" : "projects have"} ${crateName}` : ""}; most often beside it:
          </p>
          <ol aria-label={`Crates in the same projects as ${crateName}`} className="mt-2 divide-y divide-line">
            {reports.map((t) => (
              <li key={t.name} className="flex flex-wrap items-baseline gap-x-3 py-1.5">
                <Link href={routes.crate(t.name)} className="font-semibold break-all">
                  {t.name}
                </Link>
                <span className="text-subtle">
                  in {formatNumber(t.count)} {t.count === 1 ? "project" : "projects"}
                </span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </div>
  );
}
