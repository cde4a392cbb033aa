import Link from "next/link";
import { TimeAgo } from "@/components/ui/time-ago";
import { formatDate } from "@/lib/registry/format";
import type { ModerationQueue } from "@/lib/reviews/list-moderation-queue";
import { routes } from "@/lib/routes";
import { ModerationForm } from "./moderation-form";
import type { ModerationFormState } from "./moderation-form-state";

/** Crates whose ratings a burst froze, each with the form that releases it. */
export function RatingFreezeList({
  freezes,
  release,
  now,
}: {
  freezes: ModerationQueue["freezes"];
  release: (state: ModerationFormState, formData: FormData) => Promise<ModerationFormState>;
  now: Date;
}) {
  return (
    <ul className="space-y-4">
      {freezes.map((freeze) => (
        <li key={freeze.crateName} className="space-y-3 rounded border border-line bg-panel p-4">
          <p className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <Link href={routes.crate(freeze.crateName)} className="font-semibold">
              {freeze.crateName}
            </Link>
            <span className="text-subtle">
              frozen since <TimeAgo date={freeze.frozenAt} now={now} /> ({formatDate(freeze.frozenAt)})
            </span>
          </p>
          <p className="text-sm break-words">
            <span className="text-subtle">Why: </span>
            {freeze.reason}
          </p>
          <ModerationForm
            action={release}
            name={`Release the rating freeze of ${freeze.crateName}`}
            fields={{ crateName: freeze.crateName }}
            reasonLabel="Reason for releasing"
            reasonHint="The crate's ratings are recomputed from its published reviews; the reason is logged."
            submitLabel="Release freeze"
            tone="brand"
          />
        </li>
      ))}
    </ul>
  );
}
