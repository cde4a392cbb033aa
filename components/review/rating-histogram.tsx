import { formatNumber } from "@/lib/registry/format";

/**
 * How many ratings of each value, 5 stars first, as a table: the bars are drawn
 * in the cells but the counts are text, so screen readers get the same facts.
 */
export function RatingHistogram({
  histogram,
  caption,
}: {
  /** Counts of ratings 1..5 (index 0 is rating 1). */
  histogram: readonly number[];
  caption: string;
}) {
  const total = histogram.reduce((sum, n) => sum + n, 0);
  const rows = [5, 4, 3, 2, 1].map((stars) => ({ stars, count: histogram[stars - 1] ?? 0 }));
  return (
    <table className="w-full text-xs">
      <caption className="sr-only">{caption}</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Rating</th>
          <th scope="col">Share</th>
          <th scope="col">Ratings</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ stars, count }) => {
          const share = total > 0 ? count / total : 0;
          return (
            <tr key={stars}>
              <th scope="row" className="w-14 py-px pr-2 text-left font-normal whitespace-nowrap text-subtle">
                {stars} {stars === 1 ? "star" : "stars"}
              </th>
              <td className="py-px">
                <span className="sr-only">{Math.round(share * 100)}%</span>
                <span aria-hidden="true" className="block h-2 w-full overflow-hidden rounded-sm bg-panel ring-1 ring-line">
                  <span className="block h-full bg-brand" style={{ width: `${share * 100}%` }} />
                </span>
              </td>
              <td className="w-10 py-px pl-2 text-right tabular-nums">{formatNumber(count)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
