import { routes } from "@/lib/routes";
import { MAX_QUERY_LENGTH } from "@/lib/search/search-terms";
import { InstantSearch } from "./instant-search";

const sizes = {
  compact: { input: "h-9 text-sm", button: "h-9 px-3 text-sm" },
  large: { input: "h-12 text-base sm:text-lg", button: "h-12 px-5 text-base" },
} as const;

/**
 * A plain GET form to /search: works without JavaScript and leaves a shareable URL.
 * With JavaScript its input suggests crates as you type (InstantSearch).
 * `id` keeps label/input pairs unique when a page shows two forms.
 */
export function SearchForm({
  id,
  defaultValue = "",
  size = "compact",
  labelVisible = false,
  view,
}: {
  id: string;
  defaultValue?: string;
  size?: keyof typeof sizes;
  labelVisible?: boolean;
  /** The curated view's slug when it is not the default: the results keep it in their URL. */
  view?: string;
}) {
  const s = sizes[size];
  return (
    <form role="search" action={routes.search()} method="get" className="w-full">
      {view ? <input type="hidden" name="view" value={view} /> : null}
      <label htmlFor={`${id}-q`} className={labelVisible ? "mb-1 block font-medium" : "sr-only"}>
        Search crates
      </label>
      <div className="flex w-full gap-2">
        {/* Keyed by the query so that a new results page shows its own text, not what was typed before. */}
        <InstantSearch
          key={defaultValue}
          id={id}
          defaultValue={defaultValue}
          placeholder="Search crates, e.g. http client"
          maxLength={MAX_QUERY_LENGTH}
          view={view}
          className={`rounded border border-line bg-page px-3 text-ink placeholder:text-subtle ${s.input}`}
        />
        <button
          type="submit"
          className={`shrink-0 rounded bg-brand font-semibold text-on-brand hover:bg-brand-strong ${s.button}`}
        >
          Search
        </button>
      </div>
    </form>
  );
}
