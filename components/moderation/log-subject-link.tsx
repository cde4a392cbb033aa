import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { ReviewStatus } from "@/lib/generated/prisma/client";
import { routes } from "@/lib/routes";

/** A moderation log subject with what the page needs to link it. */
export type LogSubject =
  | { kind: "review"; id: number; review: { crateName: string; authorName: string; status: ReviewStatus } | null }
  | { kind: "crate"; name: string }
  | { kind: "user"; id: string; name: string | null }
  | { kind: "other"; text: string };

/** What a log entry acted on, as a link to it (a review whose row is gone stays plain text). */
export function LogSubjectLink({ subject }: { subject: LogSubject }) {
  switch (subject.kind) {
    case "review":
      return subject.review ? (
        <span className="inline-flex flex-wrap items-center gap-x-1.5">
          <Link href={routes.reviewHistory(subject.review.crateName, subject.id)}>
            Review of {subject.review.crateName} by {subject.review.authorName}
          </Link>
          {subject.review.status === "hidden" ? <Badge tone="danger">Hidden now</Badge> : null}
        </span>
      ) : (
        <span className="text-subtle">Review #{subject.id} (deleted)</span>
      );
    case "crate":
      return (
        <>
          Ratings of <Link href={routes.crate(subject.name)}>{subject.name}</Link>
        </>
      );
    case "user":
      return (
        <>
          User <Link href={routes.user(subject.id)}>{subject.name ?? subject.id}</Link>
        </>
      );
    case "other":
      return <span className="font-mono text-xs">{subject.text}</span>;
  }
}
