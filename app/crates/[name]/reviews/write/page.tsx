import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { ReviewFormValues } from "@/components/review/form-states";
import { ReviewForm } from "@/components/review/review-form";
import { PageHeading } from "@/components/ui/page-heading";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { getCrate } from "@/lib/registry/get-crate";
import { listVersions } from "@/lib/registry/list-versions";
import { getOwnReview } from "@/lib/reviews/get-own-review";
import { maxReviewLength } from "@/lib/reviews/save-review";
import { routes } from "@/lib/routes";
import { saveReviewAction } from "./actions";

export const dynamic = "force-dynamic";

const loadCrate = cache((name: string) => getCrate(getDb(), name));

interface WriteReviewPageProps {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: WriteReviewPageProps): Promise<Metadata> {
  const crate = await loadCrate(decodeParam((await params).name));
  if (!crate) return { title: "Crate not found" };
  return { title: `Review ${crate.name}`, robots: { index: false } };
}

export default async function WriteReviewPage({ params }: WriteReviewPageProps) {
  const crate = await loadCrate(decodeParam((await params).name));
  if (!crate) notFound();
  const actor = await getActor();
  if (!actor) redirect(routes.signIn(routes.writeReview(crate.name)));

  const db = getDb();
  const [versions, own] = await Promise.all([listVersions(db, crate.id), getOwnReview(db, crate.name, actor.id)]);
  const initial: ReviewFormValues = own
    ? {
        version: own.version,
        experience: own.experience,
        body: own.body,
        overall: String(own.ratings.overall),
        documentation: own.ratings.documentation?.toString() ?? "",
        apiDesign: own.ratings.apiDesign?.toString() ?? "",
        reliability: own.ratings.reliability?.toString() ?? "",
        maintenance: own.ratings.maintenance?.toString() ?? "",
        security: own.ratings.security?.toString() ?? "",
        performance: own.ratings.performance?.toString() ?? "",
      }
    : {
        version: crate.defaultVersion?.num ?? versions[0]?.num ?? "",
        experience: "",
        body: "",
        overall: "",
        documentation: "",
        apiDesign: "",
        reliability: "",
        maintenance: "",
        security: "",
        performance: "",
      };

  return (
    <div className="max-w-3xl">
      <p className="mb-2 text-sm">
        <Link href={routes.crate(crate.name)}>
          <span aria-hidden="true">← </span>Back to {crate.name}
        </Link>
      </p>
      <PageHeading
        lead={
          own ? (
            <>
              You reviewed {crate.name} before: saving keeps the earlier text in the{" "}
              <Link href={routes.reviewHistory(crate.name, own.id)}>review&apos;s history</Link>.
            </>
          ) : (
            "Say what it was like to use: what worked, what did not, and for what kind of project."
          )
        }
      >
        {own ? `Edit your review of ${crate.name}` : `Review ${crate.name}`}
      </PageHeading>
      <ReviewForm
        action={saveReviewAction}
        crateName={crate.name}
        versions={versions.map((v) => v.num)}
        initial={initial}
        editing={own !== null}
        bodyMaxLength={maxReviewLength}
      />
    </div>
  );
}
