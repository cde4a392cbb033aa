import { formatDate } from "@/lib/registry/format";
import type { UsageReportView } from "@/lib/usage/list-usage-reports";

/** The owner's usage reports, each with a delete button (a plain form: works without JavaScript). */
export function UsageReportTable({ reports, deleteAction }: { reports: UsageReportView[]; deleteAction: (formData: FormData) => Promise<void> }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="sr-only">Your usage reports, most recent first</caption>
      <thead className="border-b border-line text-subtle">
        <tr>
          <th scope="col" className="py-2 pr-3 font-medium">
            Project
          </th>
          <th scope="col" className="py-2 pr-3 text-right font-medium">
            Registry crates
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Lockfile
          </th>
          <th scope="col" className="py-2 pr-3 font-medium">
            Uploaded
          </th>
          <th scope="col" className="py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {reports.map((report) => (
          <tr key={report.id} className="border-b border-line/60" data-testid="usage-report">
            <th scope="row" className="py-2 pr-3 font-medium break-all">
              {report.project}
            </th>
            <td className="py-2 pr-3 text-right tabular-nums">{report.crates.toLocaleString("en-US")}</td>
            <td className="py-2 pr-3">{report.lockfileVersion === 0 ? "[root] layout" : `version ${report.lockfileVersion}`}</td>
            <td className="py-2 pr-3">
              <time dateTime={report.updatedAt.toISOString()}>{formatDate(report.updatedAt)}</time>
            </td>
            <td className="py-2 text-right">
              <form action={deleteAction}>
                <input type="hidden" name="reportId" value={report.id} />
                <button type="submit" className="rounded border border-line px-2 py-0.5 text-danger hover:bg-danger-soft">
                  Delete<span className="sr-only"> the report of {report.project}</span>
                </button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
