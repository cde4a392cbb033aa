import { describe, expect, it } from "vitest";
import { diffLines, MAX_DIFF_EDITS, type DiffLine } from "./diff-lines";

const same = (text: string, oldLine: number, newLine: number): DiffLine => ({ kind: "same", text, oldLine, newLine });
const removed = (text: string, oldLine: number): DiffLine => ({ kind: "removed", text, oldLine, newLine: null });
const added = (text: string, newLine: number): DiffLine => ({ kind: "added", text, oldLine: null, newLine });

/** Both sides rebuilt from a diff must equal the inputs' lines. */
function sides(diff: DiffLine[]) {
  return {
    before: diff.filter((l) => l.kind !== "added").map((l) => l.text),
    after: diff.filter((l) => l.kind !== "removed").map((l) => l.text),
  };
}

/** Length of a longest common subsequence, by plain dynamic programming (small inputs only). */
function lcsLength(a: string[], b: string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = up;
    }
  }
  return row[b.length]!;
}

describe("diffLines", () => {
  it("reports identical texts as all same", () => {
    expect(diffLines("a\nb\n", "a\nb\n")).toEqual([same("a", 1, 1), same("b", 2, 2)]);
    expect(diffLines("", "")).toEqual([]);
  });

  it("handles empty sides", () => {
    expect(diffLines("", "a\nb")).toEqual([added("a", 1), added("b", 2)]);
    expect(diffLines("a\nb", "")).toEqual([removed("a", 1), removed("b", 2)]);
  });

  it("finds an insertion, a deletion and a change with the right line numbers", () => {
    expect(diffLines("a\nb\nc", "a\nx\nb\nc")).toEqual([same("a", 1, 1), added("x", 2), same("b", 2, 3), same("c", 3, 4)]);
    expect(diffLines("a\nb\nc", "a\nc")).toEqual([same("a", 1, 1), removed("b", 2), same("c", 3, 2)]);
    expect(diffLines("a\nb\nc", "a\nB\nc")).toEqual([same("a", 1, 1), removed("b", 2), added("B", 2), same("c", 3, 3)]);
  });

  it("puts each block's removals before its additions", () => {
    const diff = diffLines("keep\nold1\nold2\nkeep2", "keep\nnew1\nnew2\nnew3\nkeep2");
    expect(diff.map((l) => l.kind)).toEqual(["same", "removed", "removed", "added", "added", "added", "same"]);
    expect(diff.filter((l) => l.kind === "added").map((l) => l.newLine)).toEqual([2, 3, 4]);
  });

  it("treats CRLF and LF alike and ignores a final newline", () => {
    expect(diffLines("a\r\nb\r\n", "a\nb")).toEqual([same("a", 1, 1), same("b", 2, 2)]);
  });

  it("handles repeated lines (a common prefix and suffix of duplicates)", () => {
    const diff = diffLines("x\nx\nx", "x\nx");
    expect(diff).toEqual([same("x", 1, 1), same("x", 2, 2), removed("x", 3)]);
  });

  it("gives a shortest edit script: as many same lines as a longest common subsequence", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(rand() * 12) }, () => "abcd"[Math.floor(rand() * 4)]!);
      const b = Array.from({ length: Math.floor(rand() * 12) }, () => "abcd"[Math.floor(rand() * 4)]!);
      const diff = diffLines(a.join("\n"), b.join("\n"));
      expect(sides(diff)).toEqual({ before: a, after: b });
      expect(diff.filter((l) => l.kind === "same")).toHaveLength(lcsLength(a, b));
    }
  });

  it("is fast on a 20,000-line list with a handful of changes", () => {
    const before = Array.from({ length: 20_000 }, (_, i) => `hide crate-${i}`);
    const after = [...before];
    after[100] = "hide changed-a";
    after.splice(5_000, 0, "demote inserted");
    after.splice(12_000, 3);
    after[19_000] = "allow changed-b # reason";
    const started = performance.now();
    const diff = diffLines(before.join("\n"), after.join("\n"));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(sides(diff)).toEqual({ before, after });
    expect(diff.filter((l) => l.kind === "removed").map((l) => l.oldLine)).toEqual([101, 12_000, 12_001, 12_002, 19_003]);
    expect(diff.filter((l) => l.kind === "added").map((l) => [l.newLine, l.text])).toEqual([
      [101, "hide changed-a"],
      [5_001, "demote inserted"],
      [19_001, "allow changed-b # reason"],
    ]);
  });

  it("falls back to all removed, then all added, past the edit budget, keeping the common ends", () => {
    const middleA = Array.from({ length: MAX_DIFF_EDITS }, (_, i) => `a${i}`);
    const middleB = Array.from({ length: MAX_DIFF_EDITS }, (_, i) => `b${i}`);
    const before = ["head", ...middleA, "tail"].join("\n");
    const after = ["head", ...middleB, "tail"].join("\n");
    const started = performance.now();
    const diff = diffLines(before, after);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(diff).toHaveLength(2 + 2 * MAX_DIFF_EDITS);
    expect(diff[0]).toEqual(same("head", 1, 1));
    expect(diff[1]).toEqual(removed("a0", 2));
    expect(diff[MAX_DIFF_EDITS + 1]).toEqual(added("b0", 2));
    expect(diff.at(-1)).toEqual(same("tail", MAX_DIFF_EDITS + 2, MAX_DIFF_EDITS + 2));
  });
});
