import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { CrateHeader } from "@/components/crate/crate-header";
import { CrateSidebar } from "@/components/crate/crate-sidebar";
import { DependencySections } from "@/components/crate/dependency-sections";
import { DependentsList } from "@/components/crate/dependents-list";
import { FeatureTable } from "@/components/crate/feature-table";
import { InstallSnippet } from "@/components/crate/install-snippet";
import { DownloadsChart } from "@/components/usage/downloads-chart";
import { getCrateDownloads } from "@/lib/usage/get-crate-downloads";
import { VersionHistory } from "@/components/crate/version-history";
import { CrateReviewsPreview } from "@/components/review/crate-reviews-preview";
import { Section } from "@/components/ui/section";
import { CrateVerdictBanner } from "@/components/view/crate-verdict-banner";
import { HiddenCountNote } from "@/components/view/hidden-count-note";
import { getCrateVerdict } from "@/lib/curation/get-crate-verdict";
import { getListingView } from "@/lib/curation/get-page-view";
import { getActor } from "@/lib/auth/get-actor";
import { getDb } from "@/lib/db";
import { decodeParam } from "@/lib/http/decode-param";
import { firstParam } from "@/lib/http/first-param";
import { featureList } from "@/lib/registry/feature-list";
import { formatNumber } from "@/lib/registry/format";
import { getCrate } from "@/lib/registry/get-crate";
import { getVersion } from "@/lib/registry/get-version";
import { listDependencies, type DependenciesByKind } from "@/lib/registry/list-dependencies";
import { listDependents } from "@/lib/registry/list-dependents";
import { listVersions } from "@/lib/registry/list-versions";
import { getCrateRatings } from "@/lib/reviews/get-crate-ratings";
import { getOwnReview } from "@/lib/reviews/get-own-review";
import { listCrateReviews } from "@/lib/reviews/list-crate-reviews";
import { routes } from "@/lib/routes";
import { getCrateUsage } from "@/lib/usage/get-crate-usage";
import { CrateUsageSection } from "@/components/usage/crate-usage-section";
import { adoptionSentence } from "@/components/usage/dependent-adoption";
import { UsedTogether } from "@/components/usage/used-together";
import { getDependencyStats } from "@/lib/usage/get-dependency-stats";
import { reportReviewAction, voteReviewAction } from "./reviews/actions";

export const dynamic = "force-dynamic";

const DEPENDENTS_SHOWN = 20;
const REVIEWS_SHOWN = 3;

// generateMetadata and the page both need the crate: one query per request.
const loadCrate = cache((name: string) => getCrate(getDb(), name));

interface CratePageProps {
  params: Promise<{ name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params }: CratePageProps): Promise<Metadata> {
  const crate = await loadCrate(decodeParam((await params).name));
  if (!crate) return { title: "Crate not found" };
  const version = crate.defaultVersion?.num;
  return {
    title: version ? `${crate.name} ${version}` : crate.name,
    description: crate.description ?? `The ${crate.name} Rust crate: versions, dependencies, dependents and features.`,
    alternates: { canonical: routes.crate(crate.name) },
  };
}

const noDependencies: DependenciesByKind = { normal: [], build: [], dev: [] };

export default async function CratePage({ params, searchParams }: CratePageProps) {
  const [{ name }, query] = await Promise.all([params, searchParams]);
  const crate = await loadCrate(decodeParam(name));
  if (!crate) notFound();

  // `?version=` shows another version's facts, features and dependencies; an unknown one is a 404.
  const db = getDb();
  const requested = firstParam(query.version)?.trim();
  let version = crate.defaultVersion;
  if (requested && requested !== version?.num) {
    version = await getVersion(db, crate.id, requested);
    if (!version) notFound();
  }

  const [actor, listing, usage] = await Promise.all([getActor(), getListingView(query), getCrateUsage(db, crate.name.toLowerCase())]);
  const [versions, dependencies, dependents, ratings, topReviews, ownReview, verdict, downloads, dependencyStats] = await Promise.all([
    listVersions(db, crate.id),
    version ? listDependencies(db, version.id) : noDependencies,
    listDependents(db, crate.id, { page: 1, perPage: DEPENDENTS_SHOWN }, listing.scope),
    getCrateRatings(db, crate.name),
    listCrateReviews(db, crate.name, { sort: "helpful", page: 1, perPage: REVIEWS_SHOWN, viewer: actor }),
    actor ? getOwnReview(db, crate.name, actor.id) : null,
    listing.view ? getCrateVerdict(db, listing.view.id, crate.name.toLowerCase()) : null,
    getCrateDownloads(db, crate.id),
    getDependencyStats(db, crate.id),
  ]);
  const adoption = dependencyStats ? adoptionSentence(dependencyStats) : null;

  // Features name dependencies by their manifest name (the rename, when there is one).
  const allDependencies = [...dependencies.normal, ...dependencies.build, ...dependencies.dev];
  const dependencyCrates = new Map(allDependencies.map((d) => [d.explicitName ?? d.crateName, d.knownCrateName]));
  const optionalNames = allDependencies.filter((d) => d.optional).map((d) => d.explicitName ?? d.crateName);
  const features = version ? featureList(version.features, optionalNames) : [];
  const versionLabel = version ? `of ${version.num}` : undefined;
  const now = new Date();

  return (
    <div className="grid gap-x-10 gap-y-8 lg:grid-cols-[minmax(0,1fr)_17rem]">
      <div className="min-w-0 lg:col-start-1">
        <CrateHeader crate={crate} version={version} now={now} />
        <div className="mt-4">
          <CrateVerdictBanner verdict={verdict} view={listing.view} crateName={crate.name} />
        </div>
      </div>

      <aside aria-label={`About ${crate.name}`} className="min-w-0 space-y-6 lg:col-start-2 lg:row-span-2 lg:row-start-1">
        <CrateSidebar crate={crate} versionCount={versions.length} now={now} />
      </aside>

      <div className="min-w-0 space-y-10 lg:col-start-1 lg:row-start-2">
        <Section id="install" title="Install">
          <InstallSnippet
            name={crate.name}
            version={version?.num ?? null}
            pinned={version !== null && version.num !== crate.defaultVersion?.num}
          />
        </Section>

        {downloads ? (
          <Section
            id="downloads"
            title="Downloads"
            aside={`${formatNumber(downloads.allTime)} all time · ${formatNumber(downloads.sum90)} in the last 90 days`}
          >
            <DownloadsChart crateName={crate.name} downloads={downloads} />
          </Section>
        ) : null}

        <CrateReviewsPreview
          crateName={crate.name}
          ratings={ratings}
          reviews={topReviews.reviews}
          total={topReviews.total}
          viewerId={actor?.id ?? null}
          hasOwnReview={ownReview !== null}
          now={now}
          voteAction={voteReviewAction}
          reportAction={reportReviewAction}
        />

        <Section id="dependencies" title="Dependencies" aside={versionLabel}>
          <DependencySections dependencies={dependencies} />
        </Section>

        <Section
          id="dependents"
          title="Dependents"
          aside={`${formatNumber(dependents.total)} ${dependents.total === 1 ? "crate" : "crates"}`}
        >
          {dependents.total === 0 ? (
            <p className="text-sm text-subtle">
              No crate here depends on {crate.name} directly (counting each crate&apos;s latest version; dev dependencies
              and fully yanked crates are left out).
            </p>
          ) : (
            <>
              <p className="mb-1 text-sm text-subtle">Crates whose latest version depends on {crate.name}, most downloaded first.</p>
              {dependencyStats ? (
                <p className="mb-1 text-sm" data-testid="dependents-figures">
                  {formatNumber(dependencyStats.directDependents)} direct {dependencyStats.directDependents === 1 ? "dependent" : "dependents"},{" "}
                  {formatNumber(dependencyStats.transitiveDependents)} including indirect ones (crates that depend on {crate.name} through
                  others).{adoption ? ` ${adoption}.` : ""}
                </p>
              ) : null}
              {listing.view ? (
                <HiddenCountNote
                  hidden={dependents.hidden}
                  viewTitle={listing.view.title}
                  showing={listing.showHidden}
                  showHref={listing.linkShowingHidden(routes.dependents(crate.name), true)}
                  hideHref={listing.linkShowingHidden(routes.dependents(crate.name), false)}
                />
              ) : null}
              <DependentsList dependents={dependents.items} label={`Crates that depend on ${crate.name}`} />
              {dependents.total > dependents.items.length ? (
                <p className="mt-3 text-sm">
                  <Link href={routes.dependents(crate.name)} className="font-semibold">
                    See all {formatNumber(dependents.total)} dependents
                  </Link>
                </p>
              ) : null}
            </>
          )}
        </Section>

        <Section id="used-together" title="Often used together">
          <UsedTogether
            crateName={crate.name}
            dependentCount={dependencyStats?.directDependents ?? dependents.total}
            fromDependents={dependencyStats?.together ?? null}
            fromReports={usage.together.map((t) => ({ name: t.name, count: t.projects }))}
            reportCount={usage.projects}
          />
        </Section>

        <CrateUsageSection crateName={crate.name} usage={usage} />

        <Section id="features" title="Features" aside={versionLabel}>
          {features.length > 0 ? (
            <FeatureTable
              caption={`Features of ${crate.name} ${version?.num ?? ""}`}
              features={features}
              dependencyCrates={dependencyCrates}
            />
          ) : (
            <p className="text-sm text-subtle">This version has no optional features.</p>
          )}
        </Section>

        <Section id="versions" title="Versions" aside={`${formatNumber(versions.length)} published`}>
          <VersionHistory crateName={crate.name} versions={versions} shown={version?.num ?? null} />
        </Section>
      </div>
    </div>
  );
}
