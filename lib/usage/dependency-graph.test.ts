import { describe, expect, it } from "vitest";
import {
  countTransitiveDependents,
  dependentLines,
  DependencyGraphBuilder,
  type DependencyGraph,
  togetherFinder,
  type TogetherEntry,
} from "./dependency-graph";

/** A graph from `name: [dependency, req][]`, crates numbered in the order given (ids 10, 20, ...). */
function graphOf(crates: Record<string, [string, string][]>, versions: Record<string, string> = {}): DependencyGraph {
  const names = Object.keys(crates);
  const idOf = (name: string) => {
    const at = names.indexOf(name);
    if (at < 0) throw new Error(`unknown crate ${name}`);
    return (at + 1) * 10;
  };
  const builder = new DependencyGraphBuilder();
  for (const name of names) {
    const deps = crates[name]!;
    builder.addCrate(idOf(name), name, versions[name] ?? "1.0.0", deps.map(([d]) => idOf(d)), deps.map(([, req]) => req));
  }
  return builder.build();
}

function transitiveByName(graph: DependencyGraph): Record<string, number> {
  const counts = countTransitiveDependents(graph, { words: 1 });
  return Object.fromEntries(graph.names.map((name, i) => [name, counts[i]!]));
}

/** The reference: one breadth-first walk from every crate, marking what it reaches. */
function transitiveByWalks(graph: DependencyGraph): Int32Array {
  const { fwdOffsets, fwdTargets } = graph;
  const n = fwdOffsets.length - 1;
  const counts = new Int32Array(n);
  const stamp = new Int32Array(n).fill(-1);
  for (let source = 0; source < n; source++) {
    stamp[source] = source;
    const queue = [source];
    while (queue.length > 0) {
      const node = queue.shift()!;
      for (let e = fwdOffsets[node]!; e < fwdOffsets[node + 1]!; e++) {
        const target = fwdTargets[e]!;
        if (stamp[target] === source) continue;
        stamp[target] = source;
        counts[target]!++;
        queue.push(target);
      }
    }
  }
  return counts;
}

function togetherByName(graph: DependencyGraph): Record<string, TogetherEntry[]> {
  const result: Record<string, TogetherEntry[]> = {};
  const together = togetherFinder(graph);
  graph.names.forEach((name, node) => {
    const list = together(node);
    if (list.length > 0) result[name] = list;
  });
  return result;
}

describe("DependencyGraphBuilder", () => {
  it("stores each edge both ways, one per dependency crate", () => {
    const graph = graphOf({ a: [], b: [["a", "1"]], c: [["a", "1"], ["b", "1"], ["a", "1.2"]] });
    expect([...graph.fwdOffsets]).toEqual([0, 0, 1, 3]);
    expect([...graph.fwdTargets]).toEqual([0, 0, 1]);
    expect([...graph.revOffsets]).toEqual([0, 2, 3, 3]);
    expect([...graph.revSources]).toEqual([1, 2, 2]);
  });

  it("labels an edge with the newest line its requirements select, readable before unreadable", () => {
    const graph = graphOf({
      a: [],
      b: [["a", "0.9"], ["a", "^1.2"]],
      c: [["a", "not a req"], ["a", "=0.9.1"]],
      d: [["a", ">=0.5"]],
      e: [["a", "nonsense"]],
    });
    expect(dependentLines(graph, 0)).toEqual([
      ["*", 1],
      ["1", 1],
      ["0.9", 1],
      ["?", 1],
    ]);
  });

  it("ignores dependencies on the crate itself and on crates it does not know", () => {
    const builder = new DependencyGraphBuilder();
    builder.addCrate(1, "a", "1.0.0", [1, 999], ["1", "1"]);
    builder.addCrate(2, "b", "1.0.0", [1, 998], ["1", "1"]);
    const graph = builder.build();
    expect(graph.fwdTargets.length).toBe(1);
    expect([...graph.revSources]).toEqual([1]);
  });

  it("keeps each crate's default version line", () => {
    const builder = new DependencyGraphBuilder();
    builder.addCrate(1, "a", "0.9.3");
    builder.addCrate(2, "b", null);
    builder.addCrate(3, "c", "0.0.3-alpha");
    const graph = builder.build();
    expect([...graph.latestLine].map((i) => (i < 0 ? null : graph.lines[i]))).toEqual(["0.9", null, "0.0.3"]);
  });

  it("refuses crates out of id order", () => {
    const builder = new DependencyGraphBuilder();
    builder.addCrate(5, "a", null);
    expect(() => builder.addCrate(5, "b", null)).toThrow(/ascending id order/);
    expect(() => builder.addCrate(6, "c", null, [5], [])).toThrow(/requirements/);
  });
});

describe("countTransitiveDependents", () => {
  it("counts distinct crates reaching each crate", () => {
    const graph = graphOf({
      core: [],
      util: [["core", "1"]],
      app: [["util", "1"], ["core", "1"]],
      tool: [["util", "1"]],
      leaf: [["app", "1"]],
    });
    expect(transitiveByName(graph)).toEqual({ core: 4, util: 3, app: 1, tool: 0, leaf: 0 });
  });

  it("agrees with one walk per crate on random graphs with cycles, whatever the pass width", () => {
    let seed = 7;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let round = 0; round < 20; round++) {
      const n = 20 + Math.floor(random() * 200);
      const builder = new DependencyGraphBuilder();
      for (let id = 0; id < n; id++) {
        // Mostly edges to earlier crates (a DAG), some to later ones (cycles), some crates without any.
        const deps =
          random() < 0.2 ? [] : Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * (random() < 0.9 ? Math.max(id, 1) : n)));
        builder.addCrate(id, `c${id}`, "1.0.0", deps, deps.map(() => "1"));
      }
      const graph = builder.build();
      const expected = [...transitiveByWalks(graph)];
      expect(expected.some((c) => c > 5)).toBe(true);
      for (const words of [1, 2, 32]) expect([...countTransitiveDependents(graph, { words })]).toEqual(expected);
    }
  });

  it("ends on cycles and never counts a crate as its own dependent", () => {
    const graph = graphOf({
      x: [["y", "1"]],
      y: [["z", "1"]],
      z: [["x", "1"]],
      w: [["x", "1"]],
      alone: [],
    });
    expect(transitiveByName(graph)).toEqual({ x: 3, y: 3, z: 3, w: 0, alone: 0 });
  });
});

describe("togetherFinder", () => {
  it("ranks what X's dependents also use by count × ln(lift), leaving out what everyone uses", () => {
    const crates: Record<string, [string, string][]> = { serde: [], x: [], rare: [], pair: [], once: [] };
    // Four dependents of x: all use rare, two use pair, one uses once, all use serde (like everyone).
    crates.d1 = [["x", "1"], ["rare", "1"], ["pair", "1"], ["once", "1"], ["serde", "1"]];
    crates.d2 = [["x", "1"], ["rare", "1"], ["pair", "1"], ["serde", "1"]];
    crates.d3 = [["x", "1"], ["rare", "1"], ["serde", "1"]];
    crates.d4 = [["x", "1"], ["rare", "1"], ["serde", "1"]];
    // Others use serde, and a few use pair: pair is common, rare is not.
    for (let i = 0; i < 30; i++) crates[`other${i}`] = i < 6 ? [["serde", "1"], ["pair", "1"]] : [["serde", "1"]];
    const together = togetherByName(graphOf(crates));
    const x = together.x!;
    expect(x.map((t) => t.name)).toEqual(["rare", "pair"]);
    // P(rare | x) = 1, P(rare) = 4 / 34.
    expect(x[0]).toEqual({ name: "rare", count: 4, lift: Math.round((1 / (4 / 34)) * 100) / 100 });
    expect(x[1]!.count).toBe(2);
    // serde: P(serde | x) = 1 = P(serde) → lift 1, not kept; once: count 1, not kept.
    expect(x.some((t) => t.name === "serde" || t.name === "once")).toBe(false);
    // Crates with fewer than 2 dependents get no list.
    expect(together.once).toBeUndefined();
  });

  it("keeps the best 8", () => {
    const crates: Record<string, [string, string][]> = { x: [] };
    const partners = Array.from({ length: 12 }, (_, i) => `p${String(i).padStart(2, "0")}`);
    for (const p of partners) crates[p] = [];
    // Dependent j of x uses the first j+2 partners, so p00 is used by all of them and p11 by fewest.
    for (let j = 0; j < 12; j++) crates[`d${j}`] = [["x", "1"], ...partners.slice(0, Math.min(12, j + 2)).map((p): [string, string] => [p, "1"])];
    for (let i = 0; i < 40; i++) crates[`filler${i}`] = [["p00", "1"]];
    const list = togetherByName(graphOf(crates)).x!;
    expect(list).toHaveLength(8);
    const scores = list.map((t) => t.count * Math.log(t.lift));
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]!).toBeGreaterThanOrEqual(scores[i]! - 1e-9);
  });
});
