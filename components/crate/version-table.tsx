import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatCount, formatDate, formatNumber } from "@/lib/registry/format";
import type { VersionSummary } from "@/lib/registry/list-versions";
import { routes } from "@/lib/routes";

// Crates like serde have hundreds of versions: cell styles are set once on the
// table (not per cell) to keep the page and its React payload small. Columns
// 4 (MSRV) and 5 (license) appear only where there is room.
const tableClass = [
  "w-full border-collapse text-sm",
  "[&_tr]:border-b [&_tr]:border-line [&_tr]:align-top",
  "[&_th]:py-1.5 [&_th]:pr-4 [&_th]:text-left [&_td]:py-1.5 [&_td]:pr-4",
  "[&_tbody_th]:font-normal [&_td:nth-child(2)]:whitespace-nowrap [&_td:nth-child(3)]:text-right [&_td:nth-child(3)]:tabular-nums [&_thead_th:nth-child(3)]:text-right",
  "[&_tr>:nth-child(4)]:hidden sm:[&_tr>:nth-child(4)]:table-cell",
  "[&_tr>:nth-child(5)]:hidden md:[&_tr>:nth-child(5)]:table-cell",
].join(" ");

/** Versions, newest first; `shown` is the version the page is displaying. */
export function VersionTable({
  crateName,
  versions,
  shown,
  caption,
}: {
  crateName: string;
  versions: VersionSummary[];
  shown: string | null;
  caption: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">Downloads</th>
            <th scope="col">MSRV</th>
            <th scope="col">License</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => {
            const current = v.num === shown;
            return (
              <tr key={v.id} className={current ? "bg-brand-soft" : undefined}>
                <th scope="row">
                  <Link
                    href={routes.crate(crateName, v.num)}
                    // Hundreds of rows: do not ask the server about each one as it scrolls into view.
                    prefetch={false}
                    aria-current={current ? "page" : undefined}
                    className={`font-mono break-all${v.yanked ? " line-through" : ""}${current ? " font-bold" : ""}`}
                  >
                    {v.num}
                  </Link>
                  {v.yanked ? <> <Badge tone="danger">yanked</Badge></> : null}
                  {v.prerelease ? <> <Badge tone="warn">pre-release</Badge></> : null}
                </th>
                <td>{v.publishedAt ? formatDate(v.publishedAt) : "unknown"}</td>
                <td title={formatNumber(v.downloads)}>{formatCount(v.downloads)}</td>
                <td>{v.rustVersion ?? "—"}</td>
                <td>{v.license ?? "—"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
