import { formatNumber } from "@/lib/registry/format";
import { ANY_LINE, lineContains, lineLabel } from "@/lib/usage/cargo-req-line";
import type { DependencyStatsView } from "@/lib/usage/get-dependency-stats";
import { formatShare } from "./format-share";

/** Lines shown one per row; older ones are summed in one row. */
const LINES_SHOWN = 10;

/** "82% of dependents accept the latest line (1.x)", or null without dependents. */
export function adoptionSentence(stats: Pick<DependencyStatsView, "latestShare" | "latestLine">): string | null {
  if (stats.latestShare === null || stats.latestLine === null) return null;
  return `${formatShare(stats.latestShare)} of dependents accept the latest line (${lineLabel(stats.latestLine)})`;
}

/**
 * Which release lines of a crate its direct dependents ask for: the share
 * accepting the latest line, and a table of every line with a bar per row
 * (the bars are decoration; the numbers are in the table).
 */
export function DependentAdoption({ crateName, stats }: { crateName: string; stats: DependencyStatsView }) {
  const sentence = adoptionSentence(stats);
  if (!sentence) return null;
  const total = stats.directDependents;
  const shown = stats.lines.slice(0, LINES_SHOWN);
  const older = stats.lines.slice(LINES_SHOWN).reduce((sum, l) => sum + l.count, 0);
  const rows = [
    ...shown.map((l) => ({ key: l.line, label: lineLabel(l.line), count: l.count, latest: stats.latestLine !== null && lineContains(l.line, stats.latestLine) })),
    ...(older > 0 ? [{ key: "older", label: "older lines", count: older, latest: false }] : []),
  ];
  return (
    <section aria-labelledby="adoption-heading" className="mb-6 rounded border border-line p-4">
      <h2 id="adoption-heading" className="text-base font-semibold">
        Which versions dependents accept
      </h2>
      <p className="mt-1 text-sm" data-testid="adoption-summary">
        {sentence}.
      </p>
      <table className="mt-3 w-full max-w-xl text-left text-sm">
        <caption className="sr-only">Direct dependents of {crateName} by the release line their version requirement selects</caption>
        <thead className="text-subtle">
          <tr className="border-b border-line">
            <th scope="col" className="py-1 pr-4 font-medium">
              Line
            </th>
            <th scope="col" className="py-1 pr-4 text-right font-medium">
              Dependents
            </th>
            <th scope="col" className="py-1 font-medium">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const share = total > 0 ? row.count / total : 0;
            return (
              <tr key={row.key} className="border-b border-line last:border-b-0">
                <th scope="row" className="py-1 pr-4 font-mono font-normal whitespace-nowrap">
                  {row.label}
                  {row.latest ? <span className="ml-2 font-sans text-xs text-ok">accepts the latest</span> : null}
                </th>
                <td className="py-1 pr-4 text-right tabular-nums">{formatNumber(row.count)}</td>
                <td className="w-1/2 py-1">
                  <div className="flex items-center gap-2">
                    <div aria-hidden="true" className="h-2 flex-1 rounded bg-panel">
                      <div className={`h-2 rounded ${row.latest ? "bg-ok" : "bg-subtle"}`} style={{ width: `${Math.max(share * 100, 0.5)}%` }} />
                    </div>
                    <span className="w-10 text-right tabular-nums">{formatShare(share)}</span>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-subtle">
        A requirement selects the newest line it allows: “1.2” and “^1” take 1.x, “0.9” takes 0.9.x, “=0.0.3” takes 0.0.3 alone.
        One without an upper bound (“&gt;=1.0”, “*”) is listed as “{lineLabel(ANY_LINE)}” and accepts the latest. A dependent with
        several requirements counts once, by the newest.
      </p>
    </section>
  );
}
