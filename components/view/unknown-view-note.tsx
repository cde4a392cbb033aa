import Link from "next/link";
import { routes } from "@/lib/routes";
import type { CurrentView } from "@/lib/curation/current-view";

/** A note when the link or cookie named a view that does not exist, so the default view applies. */
export function UnknownViewNote({ view }: { view: CurrentView | null }) {
  if (!view?.unknownSlug) return null;
  return (
    <p role="note" className="mb-3 rounded border border-warn/40 bg-warn-soft px-3 py-2 text-sm text-warn">
      There is no view named “{view.unknownSlug.slice(0, 60)}”, so this page uses the {view.title} view. <Link href={routes.views()}>See the views</Link>.
    </p>
  );
}
