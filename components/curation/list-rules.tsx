/**
 * A list's text with a line number per line; each line is an anchor (`#L12`)
 * so a crate's banner can link to the rule that hid it.
 */
export function ListRules({ body }: { body: string }) {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  if (lines.length === 0) return <p className="text-subtle">This list is empty: it has no rules yet.</p>;
  return (
    <div className="overflow-x-auto rounded border border-line" tabIndex={0} role="region" aria-label="Rules with line numbers">
      <ol className="min-w-max py-1 font-mono text-sm">
        {lines.map((line, index) => {
          const n = index + 1;
          const trimmed = line.trim();
          const quiet = trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith("!");
          return (
            <li key={n} id={`L${n}`} className="flex scroll-mt-24 target:bg-warn-soft">
              <a href={`#L${n}`} className="w-14 shrink-0 pr-3 text-right text-subtle no-underline select-none" aria-label={`Line ${n}`}>
                {n}
              </a>
              <span className={`pr-3 whitespace-pre ${quiet ? "text-subtle" : ""}`}>{line || " "}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
