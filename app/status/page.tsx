import type { Metadata } from "next";
import { Badge } from "@/components/ui/badge";
import { PageHeading } from "@/components/ui/page-heading";
import { getDb } from "@/lib/db";
import { formatDate, formatNumber } from "@/lib/registry/format";
import { listIngestRuns, type IngestRunView } from "@/lib/registry/list-ingest-runs";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Data status",
  description: "When the registry data was last loaded, and how each load went.",
};

const tone = { succeeded: "ok", running: "warn", failed: "danger" } as const;

function duration(run: IngestRunView): string {
  if (!run.finishedAt) return "—";
  const seconds = (run.finishedAt.getTime() - run.startedAt.getTime()) / 1000;
  return seconds < 120 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`;
}

const count = (n: number | null) => (n === null ? "—" : formatNumber(n));

export default async function StatusPage() {
  const runs = await listIngestRuns(getDb());
  const lastGood = runs.find((r) => r.status === "succeeded");
  return (
    <>
      <PageHeading
        lead={
          lastGood?.finishedAt
            ? `The registry data on this site was last loaded on ${formatDate(lastGood.finishedAt)}.`
            : "No load of registry data has finished yet."
        }
      >
        Data status
      </PageHeading>
      {runs.length === 0 ? (
        <p className="text-subtle">No ingest has run yet.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Ingest runs">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Recent ingest runs, newest first</caption>
            <thead>
              <tr className="border-b border-line">
                {["Run", "Status", "Sources", "Started (UTC)", "Took", "Crates", "Versions"].map((title) => (
                  <th key={title} scope="col" className="py-2 pr-4">
                    {title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-b border-line align-top">
                  <td className="py-2 pr-4 font-mono">{run.id}</td>
                  <td className="py-2 pr-4">
                    <Badge tone={tone[run.status]}>{run.status}</Badge>
                    {run.error ? <p className="mt-1 max-w-md text-xs break-words text-subtle">{run.error}</p> : null}
                  </td>
                  <td className="py-2 pr-4">{run.source}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{run.startedAt.toISOString().slice(0, 19).replace("T", " ")}</td>
                  <td className="py-2 pr-4">{duration(run)}</td>
                  <td className="py-2 pr-4">{count(run.crates)}</td>
                  <td className="py-2 pr-4">{count(run.versions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
