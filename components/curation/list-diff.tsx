import { collapseDiff, type DiffRow } from "./collapse-diff";

const rowStyle = {
  added: "bg-ok-soft text-ok",
  removed: "bg-danger-soft text-danger",
  same: "",
} as const;

const sign = { added: "+", removed: "−", same: " " } as const;
const spoken = { added: "added", removed: "removed", same: "unchanged" } as const;

/** A line diff: added lines green with +, removed red with −, unchanged runs folded to three lines around each change. */
export function ListDiff({ rows, caption }: { rows: DiffRow[]; caption: string }) {
  const chunks = collapseDiff(rows);
  if (!rows.some((row) => row.kind !== "same")) {
    return <p className="rounded border border-line bg-panel p-3 text-subtle">No line changed in this revision.</p>;
  }
  return (
    <div className="overflow-x-auto rounded border border-line" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse font-mono text-sm">
        <caption className="sr-only">{caption}: line number before, line number after, change, text</caption>
        <thead className="sr-only">
          <tr>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Change</th>
            <th scope="col">Text</th>
          </tr>
        </thead>
        <tbody>
          {chunks.map((chunk, index) =>
            chunk.kind === "skipped" ? (
              <tr key={`skip-${index}`} className="bg-panel text-subtle">
                <td colSpan={4} className="px-3 py-1 font-sans text-xs">
                  ⋯ {chunk.count.toLocaleString("en-US")} unchanged {chunk.count === 1 ? "line" : "lines"}
                </td>
              </tr>
            ) : (
              chunk.rows.map((row, rowIndex) => (
                <tr key={`${index}-${rowIndex}`} className={rowStyle[row.kind]}>
                  <td className="w-12 border-r border-line px-2 text-right text-subtle select-none">{row.oldLine ?? ""}</td>
                  <td className="w-12 border-r border-line px-2 text-right text-subtle select-none">{row.newLine ?? ""}</td>
                  <td className="w-6 px-1 text-center font-bold">
                    <span aria-hidden="true">{sign[row.kind]}</span>
                    <span className="sr-only">{spoken[row.kind]}</span>
                  </td>
                  <td className="px-2 whitespace-pre">{row.text || " "}</td>
                </tr>
              ))
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
