import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { ActiveFilters } from "@/components/search/active-filters";
import { RatingFilter } from "@/components/search/rating-filter";
import { SearchFacetList } from "@/components/search/search-facets";
import { SearchForm } from "@/components/search/search-form";
import { SearchHitItem } from "@/components/search/search-hit";
import { RATING_LABELS, SORT_ORDER_PHRASES } from "@/components/search/search-options";
import { SearchSortLinks } from "@/components/search/search-sort";
import { hasFilters, searchHref, type SearchState } from "@/components/search/search-state";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { PastLastPage } from "@/components/ui/past-last-page";
import { HiddenCountNote } from "@/components/view/hidden-count-note";
import { UnknownViewNote } from "@/components/view/unknown-view-note";
import { getPageView, viewSlugForLinks } from "@/lib/curation/get-page-view";
import { firstParam } from "@/lib/http/first-param";
import { parsePageParam } from "@/lib/http/parse-page-param";
import { formatNumber } from "@/lib/registry/format";
import { pageCount } from "@/lib/registry/pagination";
import { routes } from "@/lib/routes";
import { getSearchBackend } from "@/lib/search/get-search-backend";
import { MAX_PAGE } from "@/lib/search/parse-search-request";
import { searchRateLimited } from "@/lib/search/search-rate-limit";
import {
  FACET_NAMES,
  MIN_RATING_PREFIX,
  MIN_RATING_RANGE,
  minRatingEntries,
  minRatingParam,
  RATING_CRITERIA,
  ratingSortCriterion,
  SEARCH_SORTS,
  type FacetName,
  type RatingCriterion,
  type SearchFacets,
  type SearchFilters,
  type SearchSort,
} from "@/lib/search/search-backend";
import { MAX_QUERY_LENGTH } from "@/lib/search/search-terms";

export const dynamic = "force-dynamic";

const PER_PAGE = 20;
const MAX_FILTER_LENGTH = 200;

type Params = Record<string, string | string[] | undefined>;

interface SearchPageProps {
  searchParams: Promise<Params>;
}

// The page reads its URL leniently (the JSON API refuses what this forgives):
// these URLs are shared, bookmarked and hand-edited, so a bad value falls back
// to the default with a note instead of an error page.
interface ReadSearch {
  state: SearchState;
  page: number;
  /** Something in the URL was set explicitly (a sort or a filter), so an empty query still lists crates. */
  explicit: boolean;
  notes: string[];
  /** The URL holds rating filters left at "Any" (`min_overall=`): the page answers with a redirect to the URL without them. */
  blankRatings: boolean;
}

function readQuery(value: string | string[] | undefined): string {
  return (firstParam(value) ?? "")
    .replace(/[\u0000-\u001f\u007f]/g, " ")
    .trim()
    .slice(0, MAX_QUERY_LENGTH);
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function readSearch(params: Params): ReadSearch {
  const notes: string[] = [];
  const rawSort = firstParam(params.sort)?.trim() || undefined;
  let sort: SearchSort = "relevance";
  if (rawSort !== undefined) {
    if ((SEARCH_SORTS as readonly string[]).includes(rawSort)) sort = rawSort as SearchSort;
    else notes.push(`“${shorten(rawSort)}” is not a sort order we know, so the results are sorted by relevance.`);
  }
  const filters: SearchFilters = {};
  for (const facet of FACET_NAMES) {
    const raw = firstParam(params[facet])?.trim();
    if (!raw) continue;
    if (raw.length > MAX_FILTER_LENGTH || /[\u0000-\u001f\u007f]/.test(raw)) {
      notes.push(`The ${facet} filter in this link is not a valid value and was ignored.`);
      continue;
    }
    filters[facet] = facet === "keyword" ? raw.toLowerCase() : raw;
  }
  const ratings = readMinRatings(params, notes);
  if (ratings.minRatings) filters.minRatings = ratings.minRatings;
  return {
    state: { q: readQuery(params.q), sort, filters },
    page: parsePageParam(params.page),
    explicit: rawSort !== undefined || hasFilters(filters),
    notes,
    blankRatings: ratings.blank,
  };
}

/** `min_<criterion>=N` parameters; what is not a whole number from 1 to 5, or names no criterion, is ignored with a note. */
function readMinRatings(params: Params, notes: string[]): { minRatings?: Partial<Record<RatingCriterion, number>>; blank: boolean } {
  const minRatings: Partial<Record<RatingCriterion, number>> = {};
  let blank = false;
  for (const key of Object.keys(params)) {
    if (!key.startsWith(MIN_RATING_PREFIX)) continue;
    const criterion = RATING_CRITERIA.find((c) => minRatingParam(c) === key);
    const raw = firstParam(params[key])?.trim() ?? "";
    if (criterion === undefined) {
      notes.push(`“${shorten(key)}” is not a rating we know, so it was ignored.`);
    } else if (raw === "") {
      blank = true;
    } else if (/^\d$/.test(raw) && Number(raw) >= MIN_RATING_RANGE.min && Number(raw) <= MIN_RATING_RANGE.max) {
      minRatings[criterion] = Number(raw);
    } else {
      notes.push(
        `The ${RATING_LABELS[criterion].toLowerCase()} rating filter in this link must be a whole number from ${MIN_RATING_RANGE.min} to ${MIN_RATING_RANGE.max}, so it was ignored.`,
      );
    }
  }
  return { minRatings: Object.keys(minRatings).length > 0 ? minRatings : undefined, blank };
}

export async function generateMetadata({ searchParams }: SearchPageProps): Promise<Metadata> {
  const q = readQuery((await searchParams).q);
  // Result pages are endless and change daily: keep them out of search engines.
  return { title: q ? `Search: ${q}` : "Search", robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: SearchPageProps) {
  const params = await searchParams;
  const read = readSearch(params);
  const { page, explicit, notes, blankRatings } = read;
  const view = await getPageView(firstParam(params.view));
  // Links keep a chosen view (and the hidden crates, while shown), so shared results look the same.
  const state: SearchState = { ...read.state, view: viewSlugForLinks(view), showHidden: firstParam(params.hidden) === "show" };
  const { q, sort, filters } = state;
  // The rating form sends every criterion, "Any" as an empty value: keep shared URLs short.
  if (blankRatings && notes.length === 0) redirect(searchHref(state, { page }));

  if (!q && !explicit) {
    return (
      <div className="max-w-2xl">
        <PageHeading lead="Search by crate name, or by what you need it to do.">Search crates</PageHeading>
        <SearchForm id="search-page" size="large" labelVisible view={state.view} />
        <p className="mt-4 text-subtle">
          Try <Link href={routes.search("json")}>json</Link>, <Link href={routes.search("http client")}>http client</Link>{" "}
          or <Link href={routes.search("async runtime")}>async runtime</Link>, or{" "}
          <Link href={routes.categories()}>browse the categories</Link>.
        </p>
      </div>
    );
  }

  // Over the client's search rate (lib/search/search-rate-limit.ts): say so and for how long, with the form to try again.
  const refused = searchRateLimited(await headers());
  if (refused) {
    return (
      <div className="max-w-2xl">
        <PageHeading>Too many searches</PageHeading>
        <p role="alert" className="mb-4 rounded border border-warn/40 bg-warn-soft px-3 py-2 text-warn">
          {refused.message}
        </p>
        <SearchForm id="search-page" defaultValue={q} view={state.view} />
      </div>
    );
  }

  // Past MAX_PAGE the backend is not asked for the page (the API refuses it);
  // page 1 still tells how many pages there are, for the way back.
  const beyondLimit = page > MAX_PAGE;
  const response = await getSearchBackend().search({
    q,
    page: beyondLimit ? 1 : page,
    perPage: PER_PAGE,
    sort,
    filters,
    facets: true,
    view: view ? { viewId: view.id, showHidden: state.showHidden ?? false } : null,
  });
  const hits = beyondLimit ? [] : response.results;
  const totalPages = Math.min(pageCount(response.total, PER_PAGE), MAX_PAGE);
  const filtered = hasFilters(filters);
  const labels = filterLabels(response.facets, filters);
  // Besides the overall rating, each hit shows the ratings the results are sorted or filtered by.
  const ratingCriteria = [
    ...new Set([ratingSortCriterion(sort), ...minRatingEntries(filters).map(([criterion]) => criterion)].filter((c) => c !== null)),
  ];
  const heading = q ? <>Results for “{q}”</> : "All crates";

  return (
    <>
      <PageHeading
        lead={
          response.total > 0
            ? `${formatNumber(response.total)} ${response.total === 1 ? "crate matches" : "crates match"}${
                filtered ? " with these filters" : ""
              }, ${SORT_ORDER_PHRASES[sort]}.`
            : undefined
        }
      >
        {heading}
      </PageHeading>
      <div className="mb-4 max-w-2xl">
        <SearchForm id="search-page" defaultValue={q} view={state.view} />
      </div>
      <UnknownViewNote view={view} />
      {notes.map((note) => (
        <p key={note} role="note" className="mb-3 rounded border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn">
          {note}
        </p>
      ))}
      {response.degraded ? (
        <p role="note" className="mb-3 text-sm text-subtle">
          Search is running on the backup engine; results may differ slightly.
        </p>
      ) : null}

      <div className="grid gap-x-10 gap-y-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
        <div className="min-w-0 space-y-4">
          {response.total > 0 ? <SearchSortLinks state={state} /> : null}
          {view ? (
            <HiddenCountNote
              hidden={response.hidden}
              viewTitle={view.title}
              showing={state.showHidden ?? false}
              showHref={searchHref(state, { showHidden: true, page })}
              hideHref={searchHref(state, { showHidden: false, page })}
            />
          ) : null}
          <ActiveFilters state={state} labels={labels} />

          {response.total === 0 ? (
            <NoResults state={state} didYouMean={response.didYouMean} />
          ) : hits.length === 0 ? (
            <PastLastPage page={page} totalPages={totalPages} lastPageHref={searchHref(state, { page: totalPages })} />
          ) : (
            <ol
              start={(page - 1) * PER_PAGE + 1}
              aria-label={q ? `Search results for ${q}` : "Crates"}
              className="divide-y divide-line"
            >
              {hits.map((hit) => (
                <SearchHitItem key={hit.name} hit={hit} query={q} sort={sort} ratingCriteria={ratingCriteria} />
              ))}
            </ol>
          )}
          <Pagination
            page={page}
            totalPages={totalPages}
            hrefFor={(p) => searchHref(state, { page: p })}
            label="Search result pages"
          />
        </div>

        {response.facets && response.total > 0 ? (
          <aside aria-label="Narrow the results" className="min-w-0 space-y-6">
            <SearchFacetList facets={response.facets} state={state} />
            <RatingFilter state={state} />
          </aside>
        ) : null}
      </div>
    </>
  );
}

/** The label people read for each active filter (the category's name, not its slug), when the facets know it. */
function filterLabels(
  facets: SearchFacets | null,
  filters: SearchFilters,
): Partial<Record<FacetName, string>> {
  const labels: Partial<Record<FacetName, string>> = {};
  for (const facet of FACET_NAMES) {
    const value = filters[facet];
    if (value === undefined) continue;
    labels[facet] = facets?.[facet].find((v) => v.value === value)?.label ?? value;
  }
  return labels;
}

function NoResults({ state, didYouMean }: { state: SearchState; didYouMean: string | null }) {
  const filtered = hasFilters(state.filters);
  return (
    <section aria-labelledby="no-results-heading" className="max-w-2xl">
      <h2 id="no-results-heading" className="text-lg font-semibold">
        {state.q ? <>No crates match “{state.q}”</> : "No crates match"}
        {filtered ? " with these filters" : ""}
      </h2>
      {didYouMean ? (
        <p className="mt-2 text-lg">
          Did you mean <Link href={searchHref(state, { q: didYouMean })}>{didYouMean}</Link>?
        </p>
      ) : null}
      {filtered ? (
        <p className="mt-2">
          <Link href={searchHref(state, { filters: {} })}>
            {state.q ? <>Search all crates for “{state.q}”</> : "Show all crates"}
          </Link>{" "}
          without the filters, or remove them one at a time above.
        </p>
      ) : null}
      <ul className="mt-3 list-disc space-y-1 pl-5">
        <li>Check the spelling, or try the crate&apos;s exact name (dashes and underscores count as the same).</li>
        <li>Use fewer or more general words: search for what the crate does, like “json parser” or “retry”.</li>
        <li>
          <Link href={routes.categories()}>Browse the categories</Link> to see crates by topic.
        </li>
      </ul>
    </section>
  );
}
