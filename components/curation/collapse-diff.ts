/** One line of a line diff (lib/curation/diff-lines.ts). */
export interface DiffRow {
  kind: "same" | "added" | "removed";
  text: string;
  oldLine: number | null;
  newLine: number | null;
}

export type DiffChunk = { kind: "rows"; rows: DiffRow[] } | { kind: "skipped"; count: number };

/**
 * The diff as a reader wants it: every change with `context` unchanged lines
 * around it, and each longer run of unchanged lines folded into a count.
 */
export function collapseDiff(rows: DiffRow[], context = 3): DiffChunk[] {
  const keep = new Array<boolean>(rows.length).fill(false);
  rows.forEach((row, i) => {
    if (row.kind === "same") return;
    for (let j = Math.max(0, i - context); j <= Math.min(rows.length - 1, i + context); j++) keep[j] = true;
  });
  const chunks: DiffChunk[] = [];
  for (let i = 0; i < rows.length; ) {
    const kept = keep[i];
    let j = i;
    while (j < rows.length && keep[j] === kept) j++;
    chunks.push(kept ? { kind: "rows", rows: rows.slice(i, j) } : { kind: "skipped", count: j - i });
    i = j;
  }
  return chunks;
}
