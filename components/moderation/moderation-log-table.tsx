import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
import type { ModerationLogEntry } from "@/lib/reviews/list-moderation-log";
import { routes } from "@/lib/routes";
import { LogSubjectLink, type LogSubject } from "./log-subject-link";
import { ModerationForm } from "./moderation-form";
import type { ModerationFormState } from "./moderation-form-state";

const actionLabels: Record<string, string> = {
  hide_review: "Hid a review",
  restore_review: "Restored a review",
  dismiss_report: "Dismissed reports",
  freeze_ratings: "Froze ratings",
  unfreeze_ratings: "Released a rating freeze",
  set_role: "Changed a role",
};

const utc = (date: Date) => date.toISOString().slice(0, 16).replace("T", " ");

/**
 * The audit log, newest first. A review that is still hidden can be restored
 * from its newest entry, since the queue no longer lists it once its reports
 * are resolved.
 */
export function ModerationLogTable({
  entries,
  subjects,
  restore,
}: {
  entries: ModerationLogEntry[];
  subjects: Map<string, LogSubject>;
  restore: (state: ModerationFormState, formData: FormData) => Promise<ModerationFormState>;
}) {
  const restorable = new Set<number>();
  const seen = new Set<string>();
  for (const entry of entries) {
    const subject = subjects.get(entry.subject);
    if (!seen.has(entry.subject) && subject?.kind === "review" && subject.review?.status === "hidden") restorable.add(entry.id);
    seen.add(entry.subject);
  }
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Moderation log entries">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Moderation decisions, newest first</caption>
        <TableHead titles={["When (UTC)", "Who", "Action", "Subject", "Reason"]} />
        <tbody>
          {entries.map((entry) => {
            const subject = subjects.get(entry.subject) ?? { kind: "other" as const, text: entry.subject };
            return (
              <tr key={entry.id} className="border-b border-line align-top">
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={entry.createdAt.toISOString()}>{utc(entry.createdAt)}</time>
                </td>
                <td className="py-2 pr-4">
                  {entry.actor ? <Link href={routes.user(entry.actor.id)}>{entry.actor.name}</Link> : <span className="text-subtle">System</span>}
                </td>
                <td className="py-2 pr-4">{actionLabels[entry.action] ?? entry.action}</td>
                <td className="py-2 pr-4">
                  <LogSubjectLink subject={subject} />
                </td>
                <td className="min-w-56 py-2 pr-4 break-words">
                  <p className="whitespace-pre-line">{entry.reason}</p>
                  {restorable.has(entry.id) && subject.kind === "review" && subject.review ? (
                    <div className="mt-2">
                      <ModerationForm
                        action={restore}
                        name={`Restore the review of ${subject.review.crateName} by ${subject.review.authorName}`}
                        fields={{ reviewId: String(subject.id), back: "log" }}
                        reasonLabel="Reason for restoring"
                        submitLabel="Restore review"
                        tone="brand"
                      />
                    </div>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
