import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CriterionRatings } from "@/components/review/criterion-ratings";
import { PageHeading } from "@/components/ui/page-heading";
import { getActor } from "@/lib/auth/get-actor";
import type { ReviewExperience } from "@/lib/generated/prisma/client";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { formatDate } from "@/lib/registry/format";
import { getCrate } from "@/lib/registry/get-crate";
import { listReviewRevisions } from "@/lib/reviews/list-review-revisions";
import { loadReviewViews } from "@/lib/reviews/load-review-views";
import { experienceLabels } from "@/lib/reviews/review-views";
import { routes } from "@/lib/routes";
import { UserError } from "@/lib/user-error";

export const dynamic = "force-dynamic";

interface ReviewHistoryPageProps {
  params: Promise<{ name: string; id: string }>;
}

/**
 * The review and its revisions, or null when there is nothing this viewer may
 * see here: an unknown id, a review of another crate, or a hidden review's
 * history (listReviewRevisions decides who may see that).
 */
const loadHistory = cache(async (name: string, id: string) => {
  if (!/^\d{1,9}$/.test(id)) return null;
  const db = getDb();
  const [crate, actor] = await Promise.all([getCrate(db, name), getActor()]);
  if (!crate) return null;
  let revisions;
  try {
    revisions = await listReviewRevisions(db, Number(id), actor);
  } catch (error) {
    if (error instanceof UserError) return null;
    throw error;
  }
  const [review] = await loadReviewViews(db, [Number(id)], actor?.id ?? null);
  if (!review || review.crateName.toLowerCase() !== crate.name.toLowerCase() || revisions.length === 0) return null;
  return { crate, review, revisions: [...revisions].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id) };
});

export async function generateMetadata({ params }: ReviewHistoryPageProps): Promise<Metadata> {
  const { name, id } = await params;
  const history = await loadHistory(decodeParam(name), id);
  if (!history) return { title: "Review not found" };
  return { title: `History of ${history.review.author.name}'s review of ${history.crate.name}`, robots: { index: false } };
}

export default async function ReviewHistoryPage({ params }: ReviewHistoryPageProps) {
  const { name, id } = await params;
  const history = await loadHistory(decodeParam(name), id);
  if (!history) notFound();
  const { crate, review, revisions } = history;

  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={`${routes.crateReviews(crate.name)}#review-${review.id}`}>
          <span aria-hidden="true">← </span>Back to the reviews of {crate.name}
        </Link>
      </p>
      <PageHeading
        lead={`${revisions.length} saved ${revisions.length === 1 ? "version" : "versions"}, newest first. Bodies are shown as written, in Markdown.`}
      >
        History of <Link href={routes.user(review.author.id)}>{review.author.name}</Link>&apos;s review of {crate.name}
      </PageHeading>
      <ol className="space-y-4">
        {revisions.map((revision, index) => {
          const number = revisions.length - index;
          return (
            <li key={revision.id}>
              <article aria-labelledby={`revision-${revision.id}`} className="rounded border border-line p-4">
                <h2 id={`revision-${revision.id}`} className="font-semibold">
                  Revision {number}
                  {index === 0 ? " (current)" : number === 1 ? " (first)" : ""}
                  <span className="ml-2 font-normal text-subtle">
                    saved <time dateTime={revision.createdAt.toISOString()}>{formatDate(revision.createdAt)}</time>
                  </span>
                </h2>
                <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-subtle">
                  <span>
                    Version <span className="font-mono">{revision.version}</span>
                  </span>
                  <span>{experienceLabels[revision.ratings.experience as ReviewExperience] ?? revision.ratings.experience}</span>
                </p>
                <CriterionRatings ratings={revision.ratings} withOverall />
                {/* The Markdown source as text: a history shows exactly what was written. */}
                <pre className="mt-3 overflow-x-auto rounded bg-panel p-3 font-sans text-sm break-words whitespace-pre-wrap">
                  {revision.body}
                </pre>
              </article>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
