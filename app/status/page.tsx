import type { Metadata } from "next";
import { AutoRefresh } from "@/components/status/auto-refresh";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { PageHeading } from "@/components/ui/page-heading";
import { Section } from "@/components/ui/section";
import { TableHead } from "@/components/ui/table-head";
import { getDb } from "@/lib/db";
import { routes } from "@/lib/routes";
import { formatDate, formatNumber } from "@/lib/registry/format";
import { listIngestRuns, type IngestRunView } from "@/lib/registry/list-ingest-runs";
import { listSchedule, type LastRunState, type ScheduledJobView } from "@/lib/worker/list-schedule";

export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Data status",
  description: "When the registry data was last loaded, and how each load went.",
};

const tone = { succeeded: "ok", running: "warn", failed: "danger" } as const;

/** How often the page updates itself while a run goes on (runs write their progress every 2 s). */
const REFRESH_SECONDS = 10;

function duration(run: IngestRunView, now: number): string {
  const end = run.finishedAt?.getTime() ?? (run.status === "running" ? now : null);
  if (end === null) return "—";
  const seconds = (end - run.startedAt.getTime()) / 1000;
  const text = seconds < 120 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds / 60)} min`;
  return run.finishedAt ? text : `${text} so far`;
}

const count = (n: number | null) => (n === null ? "—" : formatNumber(n));

const utc = (date: Date | null) => (date ? date.toISOString().slice(0, 19).replace("T", " ") : "—");

const lastRunTone: Record<LastRunState, BadgeTone> = {
  succeeded: "ok",
  running: "warn",
  retrying: "warn",
  skipped: "neutral",
  cancelled: "neutral",
  failed: "danger",
};

export default async function StatusPage() {
  const [runs, schedule] = await Promise.all([listIngestRuns(getDb()), listSchedule(getDb())]);
  const lastGood = runs.find((r) => r.status === "succeeded");
  const now = new Date().getTime();
  const live = runs.some((r) => r.status === "running" && r.alive);
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
            <TableHead titles={["Run", "Status", "Sources", "Started (UTC)", "Took", "Crates", "Versions"]} />
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} className="border-b border-line align-top">
                  <td className="py-2 pr-4 font-mono">{run.id}</td>
                  <td className="py-2 pr-4">
                    <Badge tone={tone[run.status]}>{run.status}</Badge>
                    {run.error ? <p className="mt-1 max-w-md text-xs break-words text-subtle">{run.error}</p> : null}
                    {run.status === "running" ? <RunningNote run={run} /> : null}
                  </td>
                  <td className="py-2 pr-4">{run.source}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{utc(run.startedAt)}</td>
                  <td className="py-2 pr-4 whitespace-nowrap">{duration(run, now)}</td>
                  <td className="py-2 pr-4">{count(run.crates)}</td>
                  <td className="py-2 pr-4">{count(run.versions)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {live ? <AutoRefresh seconds={REFRESH_SECONDS} /> : null}
      <Section id="schedule" title="Schedule" className="mt-8">
        <ScheduleTable schedule={schedule} />
      </Section>
    </>
  );
}

/** What a running run is doing, or that its process is gone. */
function RunningNote({ run }: { run: IngestRunView }) {
  if (run.alive === false) {
    return (
      <p className="mt-1 max-w-md text-xs break-words text-subtle">
        No ingest process is running: this run stopped before it finished, and the site still serves the last complete
        load. The next run records it as interrupted.
        {run.progress ? ` Last seen at ${utc(run.progressAt)}: ${run.progress}` : null}
      </p>
    );
  }
  return (
    <p className="mt-1 max-w-md text-xs break-words text-subtle">
      {run.progress ? (
        <>
          {run.progress} <span className="whitespace-nowrap">(at {utc(run.progressAt)};</span>{" "}
        </>
      ) : (
        <>Starting (</>
      )}
      <a href={routes.status()}>reload</a> to follow it).
    </p>
  );
}

function ScheduleTable({ schedule }: { schedule: ScheduledJobView[] }) {
  if (schedule.length === 0) {
    return (
      <p className="text-subtle">
        No worker has scheduled jobs on this database: run <code>npm run worker</code>.
      </p>
    );
  }
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scheduled jobs">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Jobs the worker runs on a schedule, with their last and next run</caption>
        <TableHead titles={["Job", "Schedule (cron)", "Last run", "Started (UTC)", "Finished (UTC)", "Next run (UTC)"]} />
        <tbody>
          {schedule.map((job) => (
            <tr key={job.name} className="border-b border-line align-top">
              <td className="py-2 pr-4 font-mono">{job.name}</td>
              <td className="py-2 pr-4 font-mono whitespace-nowrap">
                {job.cron}
                {job.timezone === "UTC" ? null : <span className="text-subtle"> ({job.timezone})</span>}
              </td>
              <td className="py-2 pr-4">
                {job.lastRun ? (
                  <>
                    <Badge tone={lastRunTone[job.lastRun.state]}>{job.lastRun.state}</Badge>
                    {job.lastRun.detail ? <p className="mt-1 max-w-md text-xs break-words text-subtle">{job.lastRun.detail}</p> : null}
                  </>
                ) : (
                  <span className="text-subtle">never</span>
                )}
              </td>
              <td className="py-2 pr-4 whitespace-nowrap">{utc(job.lastRun?.startedAt ?? null)}</td>
              <td className="py-2 pr-4 whitespace-nowrap">{utc(job.lastRun?.finishedAt ?? null)}</td>
              <td className="py-2 pr-4 whitespace-nowrap">{job.nextRunAt ? utc(job.nextRunAt) : "cannot read the cron expression"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
