import { describe, expect, it } from "vitest";
import { collapseDiff, type DiffRow } from "./collapse-diff";

function same(n: number): DiffRow {
  return { kind: "same", text: `line ${n}`, oldLine: n, newLine: n };
}

describe("collapseDiff", () => {
  it("keeps three lines of context around a change and folds the rest", () => {
    const rows: DiffRow[] = [...Array.from({ length: 10 }, (_, i) => same(i + 1))];
    rows.splice(5, 0, { kind: "added", text: "new", oldLine: null, newLine: 6 });
    const chunks = collapseDiff(rows);
    expect(chunks.map((c) => (c.kind === "skipped" ? `skip ${c.count}` : `rows ${c.rows.length}`))).toEqual(["skip 2", "rows 7", "skip 2"]);
  });

  it("folds everything when nothing changed, and nothing when everything did", () => {
    expect(collapseDiff([same(1), same(2)])).toEqual([{ kind: "skipped", count: 2 }]);
    const added: DiffRow = { kind: "added", text: "x", oldLine: null, newLine: 1 };
    expect(collapseDiff([added])).toEqual([{ kind: "rows", rows: [added] }]);
    expect(collapseDiff([])).toEqual([]);
  });

  it("joins changes whose context overlaps", () => {
    const rows: DiffRow[] = [same(1), { kind: "removed", text: "a", oldLine: 2, newLine: null }, same(3), same(4), same(5), same(6), same(7), same(8), { kind: "added", text: "b", oldLine: null, newLine: 8 }];
    expect(collapseDiff(rows)).toHaveLength(1);
  });
});
