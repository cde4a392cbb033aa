import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ReviewList } from "@/components/review/review-list";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { formatDate, formatNumber } from "@/lib/registry/format";
import { pageCount } from "@/lib/registry/pagination";
import { listUserReviews } from "@/lib/reviews/list-user-reviews";
import { listSharedUsage } from "@/lib/usage/list-shared-usage";
import { SharedUsageSection } from "@/components/usage/shared-usage-section";
import { routes } from "@/lib/routes";
import { reportReviewAction, voteReviewAction } from "@/app/crates/[name]/reviews/actions";

export const dynamic = "force-dynamic";

interface UserPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

// generateMetadata and the page read the same first page for the same viewer.
const loadUserReviews = cache(async (id: string, page: number) =>
  listUserReviews(getDb(), id, { page, viewer: await getActor() }),
);

export async function generateMetadata({ params, searchParams }: UserPageProps): Promise<Metadata> {
  const { user } = await loadUserReviews(decodeParam((await params).id), parsePageParam((await searchParams).page));
  if (!user) return { title: "User not found" };
  return { title: user.name, robots: { index: false } };
}

export default async function UserPage({ params, searchParams }: UserPageProps) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const page = parsePageParam(query.page);
  const userId = decodeParam(id);
  const [result, actor, usage] = await Promise.all([loadUserReviews(userId, page), getActor(), listSharedUsage(getDb(), userId)]);
  const { user, reviews, total, perPage } = result;
  if (!user) notFound();
  const totalPages = pageCount(total, perPage);
  const now = new Date();

  return (
    <div className="max-w-4xl">
      <PageHeading
        lead={
          <>
            Joined <time dateTime={user.createdAt.toISOString()}>{formatDate(user.createdAt)}</time> ·{" "}
            {formatNumber(total)} {total === 1 ? "review" : "reviews"}
          </>
        }
      >
        {user.name}
      </PageHeading>
      {total === 0 ? (
        <p className="text-subtle">{user.name} has not reviewed any crate yet.</p>
      ) : reviews.length === 0 ? (
        <PastLastPage page={page} totalPages={totalPages} lastPageHref={routes.user(user.id, totalPages)} />
      ) : (
        <ReviewList
          reviews={reviews}
          label={`Reviews by ${user.name}, page ${page}`}
          viewerId={actor?.id ?? null}
          show="crate"
          headingLevel={2}
          now={now}
          voteAction={voteReviewAction}
          reportAction={reportReviewAction}
        />
      )}
      <Pagination page={page} totalPages={totalPages} hrefFor={(p) => routes.user(user.id, p)} label="Review pages" />
      <SharedUsageSection name={user.name} usage={usage} own={actor?.id === user.id} />
    </div>
  );
}
