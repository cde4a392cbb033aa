import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RatingsSummary } from "@/components/review/ratings-summary";
import { ReviewCallToAction } from "@/components/review/review-call-to-action";
import { ReviewList } from "@/components/review/review-list";
import { ReviewSortLinks } from "@/components/review/review-sort-links";
import { parseReviewSort } from "@/components/review/review-sorts";
import { ReviewsEmpty } from "@/components/review/reviews-empty";
import { SavedNotice } from "@/components/review/saved-notice";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { Section } from "@/components/ui/section";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { firstParam } from "@/lib/http/first-param";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { formatNumber } from "@/lib/registry/format";
import { getCrate } from "@/lib/registry/get-crate";
import { pageCount } from "@/lib/registry/pagination";
import { getCrateRatings } from "@/lib/reviews/get-crate-ratings";
import { getOwnReview } from "@/lib/reviews/get-own-review";
import { listCrateReviews } from "@/lib/reviews/list-crate-reviews";
import { routes } from "@/lib/routes";
import { reportReviewAction, voteReviewAction } from "./actions";

export const dynamic = "force-dynamic";

const PER_PAGE = 20;

const loadCrate = cache((name: string) => getCrate(getDb(), name));

interface CrateReviewsPageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: CrateReviewsPageProps): Promise<Metadata> {
  const crate = await loadCrate(decodeParam((await params).name));
  if (!crate) return { title: "Crate not found" };
  return {
    title: `Reviews of ${crate.name}`,
    description: `What people who used the ${crate.name} Rust crate say about it, with ratings per criterion.`,
    alternates: { canonical: routes.crateReviews(crate.name) },
  };
}

export default async function CrateReviewsPage({ params, searchParams }: CrateReviewsPageProps) {
  const [{ name }, query] = await Promise.all([params, searchParams]);
  const crate = await loadCrate(decodeParam(name));
  if (!crate) notFound();

  const sort = parseReviewSort(firstParam(query.sort));
  const page = parsePageParam(query.page);
  const db = getDb();
  const actor = await getActor();
  const [ratings, list, own] = await Promise.all([
    getCrateRatings(db, crate.name),
    listCrateReviews(db, crate.name, { sort, page, perPage: PER_PAGE, viewer: actor }),
    actor ? getOwnReview(db, crate.name, actor.id) : null,
  ]);
  const totalPages = pageCount(list.total, PER_PAGE);
  const here = routes.crateReviews(crate.name, { sort, page });
  const callToAction = (
    <ReviewCallToAction crateName={crate.name} viewer={!actor ? "anonymous" : own ? "reviewed" : "new"} returnTo={here} />
  );
  const now = new Date();

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={routes.crate(crate.name)}>
          <span aria-hidden="true">← </span>Back to {crate.name}
        </Link>
      </p>
      <PageHeading lead={`${formatNumber(list.total)} ${list.total === 1 ? "review" : "reviews"}`}>
        Reviews of {crate.name}
      </PageHeading>
      <SavedNotice saved={firstParam(query.saved)} />

      <div className="space-y-10">
        <Section id="ratings" title="Ratings" aside={callToAction}>
          <RatingsSummary ratings={ratings} crateName={crate.name} />
        </Section>

        <Section id="reviews" title="Reviews">
          {list.total === 0 ? (
            <ReviewsEmpty action={callToAction} />
          ) : (
            <>
              <ReviewSortLinks current={sort} hrefFor={(s) => routes.crateReviews(crate.name, { sort: s })} />
              {list.reviews.length > 0 ? (
                <ReviewList
                  className="mt-4"
                  reviews={list.reviews}
                  label={`Reviews of ${crate.name}, page ${page}`}
                  viewerId={actor?.id ?? null}
                  now={now}
                  voteAction={voteReviewAction}
                  reportAction={reportReviewAction}
                />
              ) : (
                <div className="mt-4">
                  <PastLastPage
                    page={page}
                    totalPages={totalPages}
                    lastPageHref={routes.crateReviews(crate.name, { sort, page: totalPages })}
                  />
                </div>
              )}
              <Pagination
                page={page}
                totalPages={totalPages}
                hrefFor={(p) => routes.crateReviews(crate.name, { sort, page: p })}
                label="Review pages"
              />
            </>
          )}
        </Section>
      </div>
    </>
  );
}
