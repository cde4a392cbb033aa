import Link from "next/link";
import { ExternalLink } from "@/components/ui/external-link";
import { TimeAgo } from "@/components/ui/time-ago";
import { routes } from "@/lib/routes";

export type ViewListItem =
  | { kind: "list"; slug: string; title: string }
  | { kind: "remote"; url: string; title: string | null; fetchedAt: Date | null; fetchError: string | null };

/** A view's lists in the order they decide; remote lists say when they were fetched and what went wrong. */
export function ViewLists({ lists, detailed = false, now }: { lists: ViewListItem[]; detailed?: boolean; now?: Date }) {
  if (lists.length === 0) return <p className="text-subtle">No lists: this view hides nothing.</p>;
  return (
    <ol className="list-decimal space-y-1 pl-6">
      {lists.map((item) =>
        item.kind === "list" ? (
          <li key={`list:${item.slug}`}>
            <Link href={routes.list(item.slug)}>{item.title}</Link> <code className="text-xs text-subtle">list:{item.slug}</code>
          </li>
        ) : (
          <li key={`url:${item.url}`}>
            {item.title ? `${item.title} ` : null}
            <ExternalLink href={item.url} className="break-all text-sm" />
            {detailed ? (
              <span className="block text-sm text-subtle">
                {item.fetchedAt ? (
                  <>
                    Fetched <TimeAgo date={item.fetchedAt} now={now} />
                  </>
                ) : (
                  "Not fetched yet"
                )}
                {item.fetchError ? <span className="block text-danger">Last fetch failed: {item.fetchError}</span> : null}
              </span>
            ) : item.fetchError ? (
              <span className="text-sm text-danger"> (fetch failing)</span>
            ) : null}
          </li>
        ),
      )}
    </ol>
  );
}
