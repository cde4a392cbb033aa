/** One line of a line diff between two versions of a list. Line numbers are 1-based; null on the side the line is not in. */
export type DiffLine = {
  kind: "same" | "added" | "removed";
  text: string;
  oldLine: number | null;
  newLine: number | null;
};

/**
 * The most edits (added plus removed lines, after the common start and end
 * are set aside) the exact diff searches for. Myers' search costs about
 * edits² steps and keeps about edits² numbers for the walk back, so 2,000
 * keeps it to a few milliseconds and ~16 MB; past it, the changed middle is
 * shown as all removed, then all added, which is still correct, just coarse.
 */
export const MAX_DIFF_EDITS = 2_000;

/**
 * A line diff of two list versions (Myers' O(ND) algorithm, shortest edit
 * script). Lines split like the parser splits them (`\n`, a trailing `\r`
 * dropped); a final newline does not make an extra empty line. Within each
 * changed block removed lines come before added ones, as readers expect.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = splitLines(before);
  const b = splitLines(after);
  // The common start and end cost nothing to find and are most of a typical edit.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }

  const kinds = middleEdits(a, start, endA, b, start, endB);
  const out: DiffLine[] = [];
  for (let i = 0; i < start; i++) out.push({ kind: "same", text: a[i]!, oldLine: i + 1, newLine: i + 1 });
  let x = start;
  let y = start;
  // Emit each changed block's removals, then its additions.
  let i = 0;
  while (i < kinds.length) {
    if (kinds[i] === SAME) {
      out.push({ kind: "same", text: a[x]!, oldLine: x + 1, newLine: y + 1 });
      x++;
      y++;
      i++;
      continue;
    }
    let removed = 0;
    let added = 0;
    while (i < kinds.length && kinds[i] !== SAME) {
      if (kinds[i] === REMOVED) removed++;
      else added++;
      i++;
    }
    for (let r = 0; r < removed; r++, x++) out.push({ kind: "removed", text: a[x]!, oldLine: x + 1, newLine: null });
    for (let r = 0; r < added; r++, y++) out.push({ kind: "added", text: b[y]!, oldLine: null, newLine: y + 1 });
  }
  for (let k = 0; endA + k < a.length; k++) {
    out.push({ kind: "same", text: a[endA + k]!, oldLine: endA + k + 1, newLine: endB + k + 1 });
  }
  return out;
}

const SAME = 0;
const REMOVED = 1;
const ADDED = 2;

function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.endsWith("\r")) lines[i] = line.slice(0, -1);
  }
  return lines;
}

/** The edit script turning a[aStart, aEnd) into b[bStart, bEnd), in order. */
function middleEdits(a: string[], aStart: number, aEnd: number, b: string[], bStart: number, bEnd: number): number[] {
  const n = aEnd - aStart;
  const m = bEnd - bStart;
  const coarse = (): number[] => [...Array<number>(n).fill(REMOVED), ...Array<number>(m).fill(ADDED)];
  if (n === 0 || m === 0) return coarse();

  // Compare numbers, not strings, in the inner loop.
  const ids = new Map<string, number>();
  const idOf = (line: string) => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const A = new Int32Array(n);
  const B = new Int32Array(m);
  for (let i = 0; i < n; i++) A[i] = idOf(a[aStart + i]!);
  for (let j = 0; j < m; j++) B[j] = idOf(b[bStart + j]!);

  const max = Math.min(n + m, MAX_DIFF_EDITS);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] after round d: what the walk back needs.
  const trace: Int32Array[] = [];
  let found = -1;
  search: for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break search;
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return coarse();

  const reversed: number[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1]!;
    const at = (k: number) => prev[k + d - 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      reversed.push(SAME);
      x--;
      y--;
    }
    if (x === prevX) {
      reversed.push(ADDED);
      y--;
    } else {
      reversed.push(REMOVED);
      x--;
    }
  }
  while (x > 0 && y > 0) {
    reversed.push(SAME);
    x--;
    y--;
  }
  return reversed.reverse();
}
