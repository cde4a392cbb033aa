import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import type { IngestJob } from "../worker/ingest-jobs";
import { refreshRemoteLists } from "./refresh-remote-lists";

export const REMOTE_LISTS_JOB = "curation-remote-lists";

/**
 * The worker job that refreshes remote filter lists every 15 minutes (each
 * list is fetched only when due: its `! Expires`, default a day). It changes
 * no registry data, so no search push or curation refresh follows it.
 */
export function refreshRemoteListsJob(cron = "*/15 * * * *"): IngestJob {
  return {
    name: REMOTE_LISTS_JOB,
    cron,
    source: "remote_lists",
    ingests: false,
    expireInSeconds: 30 * 60,
    retryLimit: 0,
    retryDelaySeconds: 0,
    retryWhenBusyAfterSeconds: null,
    yieldsTo: [],
    async run({ connectionString, log }) {
      const db = new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 2 }) });
      try {
        const r = await refreshRemoteLists(db, { log });
        return {
          runId: 0,
          description: `${r.checked} remote lists due, ${r.changed.length} changed, ${r.failed.length} failed, ${r.viewsEvaluated} views re-evaluated`,
          counts: { checked: r.checked, changed: r.changed.length, failed: r.failed.length, views: r.viewsEvaluated },
        };
      } finally {
        await db.$disconnect();
      }
    },
  };
}
