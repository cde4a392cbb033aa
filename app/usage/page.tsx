import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Notice } from "@/components/curation/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { LockfileDropZone } from "@/components/usage/lockfile-drop-zone";
import { UsageReportTable } from "@/components/usage/usage-report-table";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { firstParam } from "@/lib/http/first-param";
import { verifyNotice } from "@/lib/http/signed-notice";
import { routes } from "@/lib/routes";
import { listUsageReports } from "@/lib/usage/list-usage-reports";
import { MAX_LOCKFILE_BYTES, MAX_LOCKFILE_PACKAGES } from "@/lib/usage/lockfile-limits";
import { deleteUsageReportAction, setShareUsageAction } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Your usage reports", robots: { index: false } };

interface UsagePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function UsagePage({ searchParams }: UsagePageProps) {
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.usage()));
  const query = await searchParams;
  const { reports, shareUsage } = await listUsageReports(getDb(), actor);
  const saved = Number(firstParam(query.saved));
  const savedReport = Number.isSafeInteger(saved) ? reports.find((r) => r.id === saved) : undefined;
  // Only messages this site wrote (signed when redirecting here) are shown.
  const shownError = firstParam(query.error);
  const error = shownError && verifyNotice(shownError, firstParam(query.sig)) ? shownError : undefined;

  return (
    <div className="max-w-3xl space-y-8">
      <PageHeading
        lead={
          <>
            Tell other Rust developers what you really use: upload a project&apos;s <code>Cargo.lock</code>. Only the registry
            crates and their versions are kept (never the file, never git or path packages), under a fingerprint of the
            project so uploading it again replaces the report. Crate pages then count your project in &ldquo;used in N
            projects&rdquo;, and your reviews of those crates are marked &ldquo;verified user&rdquo;.
          </>
        }
      >
        Your usage reports
      </PageHeading>

      {savedReport ? (
        <Notice>
          {firstParam(query.replaced) ? "Report replaced" : "Report saved"}: {savedReport.project}, {savedReport.crates.toLocaleString("en-US")}{" "}
          registry crates.
        </Notice>
      ) : null}
      {firstParam(query.deleted) ? <Notice>Report deleted.</Notice> : null}
      {error ? (
        <p role="alert" className="rounded border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger">
          Nothing was saved: {error}
        </p>
      ) : null}

      <section aria-labelledby="upload-heading" className="space-y-3">
        <h2 id="upload-heading" className="text-lg font-semibold">
          Upload a Cargo.lock
        </h2>
        <form action={routes.usageUpload()} method="post" encType="multipart/form-data" className="space-y-3">
          <LockfileDropZone id="lockfile" describedBy="lockfile-help" />
          <p id="lockfile-help" className="text-sm text-subtle">
            Any lockfile cargo has written (versions 1 to 4, and the older <code>[root]</code> layout). At most{" "}
            {(MAX_LOCKFILE_BYTES / 1024 / 1024).toFixed(0)} MB and {MAX_LOCKFILE_PACKAGES.toLocaleString("en-US")} packages.
          </p>
          <button type="submit" className="rounded bg-brand px-4 py-2 font-semibold text-white hover:bg-brand/90">
            Upload
          </button>
        </form>
        <p className="text-sm text-subtle">
          From CI: create a <Link href={routes.apiTokens()}>personal API token</Link>, then{" "}
          <code className="break-all">
            curl --fail -H &quot;Authorization: Bearer $CRATELIST_TOKEN&quot; --data-binary @Cargo.lock {"<site>"}
            {routes.apiUsageReports()}
          </code>
        </p>
      </section>

      <section aria-labelledby="reports-heading" className="space-y-3">
        <h2 id="reports-heading" className="text-lg font-semibold">
          Reports
        </h2>
        {reports.length === 0 ? (
          <p className="text-subtle">No reports yet. Upload a lockfile above; it takes a second.</p>
        ) : (
          <UsageReportTable reports={reports} deleteAction={deleteUsageReportAction} />
        )}
      </section>

      <section aria-labelledby="share-heading" className="space-y-3">
        <h2 id="share-heading" className="text-lg font-semibold">
          Your public page
        </h2>
        <p className="text-sm">
          {shareUsage ? (
            <>
              <Link href={routes.user(actor.id)}>Your page</Link> lists the crates in your reports (never project names).
            </>
          ) : (
            <>Your page does not show what you use. Counts on crate pages are anonymous either way.</>
          )}
        </p>
        <form action={setShareUsageAction}>
          <input type="hidden" name="share" value={shareUsage ? "no" : "yes"} />
          <button type="submit" className="rounded border border-line bg-page px-3 py-1 font-medium hover:bg-panel">
            {shareUsage ? "Stop showing what I use" : "Show what I use on my page"}
          </button>
        </form>
      </section>
    </div>
  );
}
