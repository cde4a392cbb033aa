import { highlight } from "@/lib/search/highlight";

/** Text with the query's words marked. React escapes every segment: no markup from crate data. */
export function HighlightedText({ text, query }: { text: string; query: string }) {
  return (
    <>
      {highlight(text, query).map((segment, i) =>
        segment.match ? (
          <mark key={i} className="rounded-sm bg-warn-soft font-semibold text-inherit">
            {segment.text}
          </mark>
        ) : (
          segment.text
        ),
      )}
    </>
  );
}
