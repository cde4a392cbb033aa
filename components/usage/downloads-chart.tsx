import { formatCount, formatNumber } from "@/lib/registry/format";
import { downloadsChartGeometry } from "@/lib/usage/chart-geometry";
import { OTHER_VERSIONS, type CrateDownloads } from "@/lib/usage/get-crate-downloads";

// Series colours from the site's palette and Tailwind's: each is at least
// 4.5:1 against the page in both schemes (light: the -700 shades and the
// brand; dark: the -300 shades), and stacked areas are separated by a
// page-coloured line, so neighbours never rely on telling two hues apart.
// The table below the chart carries every figure for those who cannot see it.
const VERSION_STYLES = [
  { area: "fill-brand", swatch: "bg-brand" },
  { area: "fill-blue-700 dark:fill-blue-300", swatch: "bg-blue-700 dark:bg-blue-300" },
  { area: "fill-emerald-700 dark:fill-emerald-300", swatch: "bg-emerald-700 dark:bg-emerald-300" },
  { area: "fill-violet-700 dark:fill-violet-300", swatch: "bg-violet-700 dark:bg-violet-300" },
] as const;
const OTHER_STYLE = { area: "fill-slate-500 dark:fill-slate-400", swatch: "bg-slate-500 dark:bg-slate-400" } as const;

const tableClass = [
  "w-full border-collapse text-sm tabular-nums",
  "[&_tr]:border-b [&_tr]:border-line",
  "[&_th]:py-1 [&_th]:pr-4 [&_th]:text-left [&_td]:py-1 [&_td]:pr-4 [&_td]:text-right [&_thead_th:not(:first-child)]:text-right",
  "[&_tbody_th]:font-normal [&_tbody_th]:whitespace-nowrap",
].join(" ");

function versionLabel(num: string): string {
  return num === OTHER_VERSIONS ? "Other versions" : num;
}

/**
 * A crate's daily downloads over the registry's last 90 days: stacked areas
 * for its top versions and the rest, the 7-day average as a line, drawn as
 * SVG on the server (no client JavaScript), with a text description and the
 * same figures as a table.
 */
export function DownloadsChart({ crateName, downloads, id = "downloads-chart" }: { crateName: string; downloads: CrateDownloads; id?: string }) {
  const { days, total, average7, versions, sum90 } = downloads;
  const first = days[0] ?? "";
  const last = days.at(-1) ?? "";
  if (sum90 === 0) {
    return (
      <p className="text-sm text-subtle">
        No downloads of {crateName} in the 90 days up to {last}, the last day of the registry&apos;s download figures.
      </p>
    );
  }

  const styles = versions.map((v, i) => (v.num === OTHER_VERSIONS ? OTHER_STYLE : VERSION_STYLES[i % VERSION_STYLES.length]!));
  const geometry = downloadsChartGeometry({ days, series: versions.map((v) => v.daily), average: average7 });
  const { plot } = geometry;
  const peak = total.reduce((best, n, i) => (n > total[best]! ? i : best), 0);
  const share = (sum: number) => `${Math.round((sum / sum90) * 100)}%`;
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const title = `Daily downloads of ${crateName}, last 90 days`;
  const description =
    `From ${first} to ${last}: ${formatNumber(sum90)} downloads, ${formatNumber(sum90 / days.length)} a day on average; ` +
    `the most on ${days[peak]} (${formatNumber(total[peak]!)}). ` +
    `Stacked by version: ${versions.map((v) => `${versionLabel(v.num)} ${share(v.sum)}`).join(", ")}. The line is the 7-day average.`;

  return (
    <div>
      <figure>
        <svg
          viewBox={`0 0 ${geometry.width} ${geometry.height}`}
          width="100%"
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          className="h-auto w-full"
          fontSize={13}
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          {geometry.yTicks.map((tick) => (
            <g key={tick.value}>
              <line x1={plot.left} x2={plot.right} y1={tick.y} y2={tick.y} className="stroke-line" strokeWidth={1} />
              <text x={plot.left - 8} y={tick.y} textAnchor="end" dominantBaseline="middle" className="fill-subtle">
                {formatCount(tick.value)}
              </text>
            </g>
          ))}
          {geometry.areas.map((path, i) => (
            <path key={versions[i]!.num} d={path} className={`${styles[i]!.area} stroke-page`} strokeWidth={1} strokeLinejoin="round" />
          ))}
          {geometry.monthLines.map((x) => (
            <line key={x} x1={x} x2={x} y1={plot.top} y2={plot.bottom + 6} className="stroke-subtle" strokeWidth={1} strokeDasharray="3 3" />
          ))}
          {geometry.monthLabels.map((m) => (
            <text key={m.label} x={m.x} y={plot.bottom + 20} textAnchor="middle" className="fill-subtle">
              {m.label}
            </text>
          ))}
          <line x1={plot.left} x2={plot.right} y1={plot.bottom} y2={plot.bottom} className="stroke-subtle" strokeWidth={1} />
          {/* A halo in the page colour keeps the line readable over any area. */}
          <path d={geometry.averageLine} fill="none" className="stroke-page" strokeWidth={5} strokeLinejoin="round" strokeLinecap="round" />
          <path d={geometry.averageLine} fill="none" className="stroke-ink" strokeWidth={2} strokeLinejoin="round" strokeLinecap="round" />
        </svg>
        <figcaption className="mt-2">
          <ul aria-label="Legend" className="flex flex-wrap gap-x-5 gap-y-1 text-sm">
            {versions.map((v, i) => (
              <li key={v.num} className="flex items-center gap-1.5">
                <span aria-hidden="true" className={`inline-block size-3 rounded-sm ${styles[i]!.swatch}`} />
                <span className={v.num === OTHER_VERSIONS ? undefined : "font-mono"}>{versionLabel(v.num)}</span>
                <span className="text-subtle" title={`${formatNumber(v.sum)} downloads`}>
                  {formatCount(v.sum)} ({share(v.sum)})
                </span>
              </li>
            ))}
            <li className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block h-0.5 w-4 bg-ink" />
              7-day average
            </li>
          </ul>
        </figcaption>
      </figure>

      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium">Downloads as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className={tableClass}>
            <caption className="sr-only">
              Daily downloads of {crateName} from {first} to {last}
            </caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Total</th>
                <th scope="col">7-day average</th>
                {versions.map((v) => (
                  <th key={v.num} scope="col">
                    {versionLabel(v.num)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day, i) => (
                <tr key={day}>
                  <th scope="row">{day}</th>
                  <td>{formatNumber(total[i]!)}</td>
                  <td>{average7[i] === null ? <span title="Needs 7 days">—</span> : formatNumber(average7[i]!)}</td>
                  {versions.map((v) => (
                    <td key={v.num}>{formatNumber(v.daily[i]!)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
