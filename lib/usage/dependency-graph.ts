import { compareLinesNewestFirst, reqLine, UNREADABLE_LINE, versionLine } from "./cargo-req-line";

// The dependency graph in compact typed arrays, and the figures computed from
// it (lib/usage/refresh-dependency-stats.ts reads the graph out of PostgreSQL
// and writes the figures back). Pure: unit-tested on small graphs.
//
// The graph: one node per crate, dense indexes 0..n-1 in crate-id order; an
// edge D → X when D's default version has a normal or build dependency on X
// (the caller decides which crates may have edges: not the fully yanked or
// removed ones). Several requirements of D on X (per target, normal and
// build) make ONE edge, labelled with the newest release line they select
// (cargo-req-line.ts; unreadable requirements lose to readable ones): a
// dependent counts once, and as accepting a line when any of its
// requirements does. Edges are stored twice, CSR style: by dependent
// (forward: what D depends on) and by dependency (reverse: who depends on X).
//
// The figures, per crate X:
//
// - transitive dependents: distinct crates that reach X through one or more
//   edges (what one walk from every crate over what it depends on would
//   count, done bit-parallel: see countTransitiveDependents). Cycles end; a
//   crate never counts itself, even in a cycle.
// - lines: X's direct dependents counted by the line of their edge.
// - together: crates Y that X's dependents also depend on, when X has at
//   least 2 dependents. count = dependents of X that depend on Y; lift =
//   P(Y | depends on X) / P(Y) = (count / dependents of X) / (dependents of
//   Y / crates with at least one dependency). Kept: count ≥ 2 and lift > 1,
//   ranked by count × ln(lift) (then count, then name), the best 8. The
//   score is the pair's contribution to the mutual information of "depends
//   on X" and "depends on Y": a crate everything uses (serde) has a lift
//   near 1 beside most crates and drops out, unless X's dependents use it
//   far more than crates do in general; a rare crate needs a few shared
//   dependents to beat a common one that many share.

export const TOGETHER_LIMIT = 8;
export const TOGETHER_MIN_COUNT = 2;
/** Together is computed for crates with at least this many direct dependents. */
export const TOGETHER_MIN_DEPENDENTS = 2;

export interface TogetherEntry {
  name: string;
  count: number;
  lift: number;
}

export interface DependencyGraph {
  /** Crate ids, ascending; a node's index is its position here. */
  ids: Int32Array;
  names: string[];
  /** Index into `lines` of each crate's default version's line, -1 without one. */
  latestLine: Int32Array;
  /** Every line seen (requirements' and default versions'), by index. */
  lines: string[];
  /** Forward CSR: crate i depends on fwdTargets[fwdOffsets[i] .. fwdOffsets[i+1]). */
  fwdOffsets: Int32Array;
  fwdTargets: Int32Array;
  /** Reverse CSR: revSources[revOffsets[x] .. revOffsets[x+1]) depend on x, with the line of each edge in revLines. */
  revOffsets: Int32Array;
  revSources: Int32Array;
  revLines: Int32Array;
}

/** An Int32Array that grows by doubling. */
class IntVector {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  /** A right-sized copy. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

/**
 * Builds a DependencyGraph from crates added in ascending id order, each
 * with the crate ids its default version depends on and the requirements
 * (parallel arrays). Requirements are read once per distinct text.
 */
export class DependencyGraphBuilder {
  private readonly ids = new IntVector(1 << 16);
  private readonly names: string[] = [];
  private readonly latest = new IntVector(1 << 16);
  private readonly offsets = new IntVector(1 << 16);
  private readonly edgeTargetIds = new IntVector(1 << 20);
  private readonly edgeLines = new IntVector(1 << 20);
  private readonly lines: string[] = [];
  private readonly lineIndex = new Map<string, number>();
  private readonly reqLines = new Map<string, number>();
  private readonly byTarget = new Map<number, number>();

  constructor() {
    this.offsets.push(0);
  }

  get crateCount(): number {
    return this.ids.length;
  }

  private intern(line: string): number {
    let index = this.lineIndex.get(line);
    if (index === undefined) {
      index = this.lines.length;
      this.lines.push(line);
      this.lineIndex.set(line, index);
    }
    return index;
  }

  private lineOfReq(req: string): number {
    let index = this.reqLines.get(req);
    if (index === undefined) {
      index = this.intern(reqLine(req) ?? UNREADABLE_LINE);
      this.reqLines.set(req, index);
    }
    return index;
  }

  addCrate(id: number, name: string, defaultVersion: string | null, dependencyIds: readonly number[] = [], reqs: readonly string[] = []): void {
    if (this.ids.length > 0 && id <= this.ids.data[this.ids.length - 1]!) {
      throw new Error(`DependencyGraphBuilder: crates must come in ascending id order (${id} after ${this.ids.data[this.ids.length - 1]})`);
    }
    if (dependencyIds.length !== reqs.length) throw new Error(`DependencyGraphBuilder: crate ${id} has ${dependencyIds.length} dependencies but ${reqs.length} requirements`);
    this.ids.push(id);
    this.names.push(name);
    this.latest.push(defaultVersion === null ? -1 : this.intern(versionLine(defaultVersion)));
    // One edge per dependency crate, with the newest line among its requirements.
    this.byTarget.clear();
    for (let i = 0; i < dependencyIds.length; i++) {
      const target = dependencyIds[i]!;
      if (target === id) continue;
      const line = this.lineOfReq(reqs[i]!);
      const seen = this.byTarget.get(target);
      if (seen === undefined || compareLinesNewestFirst(this.lines[line]!, this.lines[seen]!) < 0) this.byTarget.set(target, line);
    }
    for (const [target, line] of this.byTarget) {
      this.edgeTargetIds.push(target);
      this.edgeLines.push(line);
    }
    this.offsets.push(this.edgeTargetIds.length);
  }

  /** The graph; the builder must not be used afterwards (its edge arrays are reused in place). */
  build(): DependencyGraph {
    const ids = this.ids.toArray();
    const n = ids.length;
    const rawOffsets = this.offsets.data;
    // Dependency ids → node indexes (binary search over the sorted ids), in
    // place; edges to unknown ids are dropped.
    const fwdTargets = this.edgeTargetIds.data;
    const fwdLines = this.edgeLines.data;
    const fwdOffsets = new Int32Array(n + 1);
    const indegree = new Int32Array(n);
    let kept = 0;
    for (let i = 0; i < n; i++) {
      fwdOffsets[i] = kept;
      for (let e = rawOffsets[i]!; e < rawOffsets[i + 1]!; e++) {
        const target = indexOf(ids, fwdTargets[e]!);
        if (target < 0) continue;
        fwdTargets[kept] = target;
        fwdLines[kept] = fwdLines[e]!;
        indegree[target]!++;
        kept++;
      }
    }
    fwdOffsets[n] = kept;
    // Reverse CSR by counting sort; sources come out in ascending order per target.
    const revOffsets = new Int32Array(n + 1);
    for (let x = 0; x < n; x++) revOffsets[x + 1] = revOffsets[x]! + indegree[x]!;
    const cursor = revOffsets.slice(0, n);
    const revSources = new Int32Array(kept);
    const revLines = new Int32Array(kept);
    for (let d = 0; d < n; d++) {
      for (let e = fwdOffsets[d]!; e < fwdOffsets[d + 1]!; e++) {
        const slot = cursor[fwdTargets[e]!]!++;
        revSources[slot] = d;
        revLines[slot] = fwdLines[e]!;
      }
    }
    return {
      ids,
      names: this.names,
      latestLine: this.latest.toArray(),
      lines: this.lines,
      fwdOffsets,
      fwdTargets: fwdTargets.subarray(0, kept),
      revOffsets,
      revSources,
      revLines,
    };
  }
}

function indexOf(sorted: Int32Array, id: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = sorted[mid]!;
    if (value === id) return mid;
    if (value < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * Strongly connected components of the forward graph (iterative Tarjan).
 * Components are numbered in the order they complete, so an edge between two
 * components always goes from a higher number to a lower one: descending
 * numbers are a topological order, dependents before their dependencies.
 */
export function stronglyConnectedComponents(graph: Pick<DependencyGraph, "fwdOffsets" | "fwdTargets">): { comp: Int32Array; count: number } {
  const { fwdOffsets: offsets, fwdTargets: targets } = graph;
  const n = offsets.length - 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  let sp = 0;
  let csp = 0;
  let nextIndex = 0;
  let count = 0;
  const enter = (v: number) => {
    index[v] = low[v] = nextIndex++;
    stack[sp++] = v;
    onStack[v] = 1;
    callNode[csp] = v;
    callEdge[csp] = offsets[v]!;
    csp++;
  };
  for (let root = 0; root < n; root++) {
    if (index[root]! >= 0) continue;
    enter(root);
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const e = callEdge[csp - 1]!;
      if (e < offsets[v + 1]!) {
        callEdge[csp - 1] = e + 1;
        const w = targets[e]!;
        if (index[w]! < 0) enter(w);
        else if (onStack[w] && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      csp--;
      if (low[v] === index[v]) {
        let x: number;
        do {
          x = stack[--sp]!;
          onStack[x] = 0;
          comp[x] = count;
        } while (x !== v);
        count++;
      }
      if (csp > 0) {
        const parent = callNode[csp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
    }
  }
  return { comp, count };
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Sources handled per pass of countTransitiveDependents: 32 per word. */
export const TRANSITIVE_WORDS_PER_PASS = 32;

/**
 * Distinct crates reaching each crate through one or more edges (see the
 * top of the file). A walk from every crate costs one step per (crate,
 * crate it reaches) pair and edge, minutes at full scale (2.5 billion pairs
 * in the synthetic registry), so the walks are done together, bit-parallel:
 * cycles are collapsed into their strongly connected components, then each
 * pass gives 32 × `words` crates with dependencies one bit each, sets it on
 * the crate's own component and pushes the bit sets along the component
 * graph in topological order (dependents first), OR-ing whole words. A
 * component's count grows by the bits that reach it. A component's members
 * all reach each other, so each is counted there once, itself included:
 * that one is taken off. Bit sets live only while a component waits to
 * pass them on (a free list of slots), so memory stays near the widest
 * layer of the graph.
 */
export function countTransitiveDependents(graph: DependencyGraph, options: { words?: number } = {}): Int32Array {
  const words = options.words ?? TRANSITIVE_WORDS_PER_PASS;
  const perPass = words * 32;
  const { fwdOffsets, fwdTargets } = graph;
  const n = fwdOffsets.length - 1;
  const { comp, count: components } = stronglyConnectedComponents(graph);

  // Members of each component, and the component graph (CSR, duplicates removed).
  const memberStart = new Int32Array(components + 1);
  for (let v = 0; v < n; v++) memberStart[comp[v]! + 1]!++;
  for (let c = 0; c < components; c++) memberStart[c + 1]! += memberStart[c]!;
  const members = new Int32Array(n);
  const fill = memberStart.slice(0, components);
  for (let v = 0; v < n; v++) members[fill[comp[v]!]!++] = v;
  const compOffsets = new Int32Array(components + 1);
  const compTargets = new Int32Array(fwdTargets.length);
  const mark = new Int32Array(components).fill(-1);
  let edges = 0;
  for (let c = 0; c < components; c++) {
    compOffsets[c] = edges;
    for (let m = memberStart[c]!; m < memberStart[c + 1]!; m++) {
      const v = members[m]!;
      for (let e = fwdOffsets[v]!; e < fwdOffsets[v + 1]!; e++) {
        const d = comp[fwdTargets[e]!]!;
        if (d === c || mark[d] === c) continue;
        mark[d] = c;
        compTargets[edges++] = d;
      }
    }
  }
  compOffsets[components] = edges;

  // Crates with dependencies, dependents first, so one pass holds crates near each other in the graph.
  const sources: number[] = [];
  for (let c = components - 1; c >= 0; c--) {
    for (let m = memberStart[c]!; m < memberStart[c + 1]!; m++) {
      const v = members[m]!;
      if (fwdOffsets[v + 1]! > fwdOffsets[v]!) sources.push(v);
    }
  }

  const reached = new Int32Array(components);
  const slotOf = new Int32Array(components).fill(-1);
  let pool = new Int32Array(1024 * words);
  const freeSlots: number[] = [];
  let slotsMade = 0;
  const allocate = (c: number): number => {
    let slot = freeSlots.pop();
    if (slot === undefined) {
      slot = slotsMade++;
      if (slotsMade * words > pool.length) {
        const grown = new Int32Array(pool.length * 2);
        grown.set(pool);
        pool = grown;
      }
    }
    pool.fill(0, slot * words, (slot + 1) * words);
    slotOf[c] = slot;
    return slot;
  };

  for (let first = 0; first < sources.length; first += perPass) {
    let highest = -1;
    const last = Math.min(sources.length, first + perPass);
    for (let i = first; i < last; i++) {
      const c = comp[sources[i]!]!;
      const slot = slotOf[c]! >= 0 ? slotOf[c]! : allocate(c);
      const bit = i - first;
      pool[slot * words + (bit >>> 5)]! |= 1 << (bit & 31);
      if (c > highest) highest = c;
    }
    for (let c = highest; c >= 0; c--) {
      const slot = slotOf[c]!;
      if (slot < 0) continue;
      const base = slot * words;
      let bits = 0;
      for (let w = 0; w < words; w++) bits += popcount32(pool[base + w]!);
      reached[c]! += bits;
      for (let e = compOffsets[c]!, end = compOffsets[c + 1]!; e < end; e++) {
        const d = compTargets[e]!;
        let target = slotOf[d]!;
        if (target < 0) target = allocate(d);
        const to = target * words;
        for (let w = 0; w < words; w++) pool[to + w]! |= pool[base + w]!;
      }
      slotOf[c] = -1;
      freeSlots.push(slot);
    }
  }

  const counts = new Int32Array(n);
  for (let v = 0; v < n; v++) counts[v] = reached[comp[v]!]! - (fwdOffsets[v + 1]! > fwdOffsets[v]! ? 1 : 0);
  return counts;
}

/** Direct dependents of one crate by line: [line, count] pairs, newest line first. */
export function dependentLines(graph: DependencyGraph, node: number, scratch: Int32Array = new Int32Array(graph.lines.length)): [string, number][] {
  const touched: number[] = [];
  for (let e = graph.revOffsets[node]!; e < graph.revOffsets[node + 1]!; e++) {
    const line = graph.revLines[e]!;
    if (scratch[line]!++ === 0) touched.push(line);
  }
  const result: [string, number][] = touched.map((line) => [graph.lines[line]!, scratch[line]!]);
  for (const line of touched) scratch[line] = 0;
  return result.sort((a, b) => compareLinesNewestFirst(a[0], b[0]));
}

/**
 * "Often used together" (see the top of the file), one crate at a time:
 * returns a function giving a crate's list, best first (empty when none).
 * It reuses two arrays of the graph's size between calls.
 */
export function togetherFinder(graph: DependencyGraph): (node: number) => TogetherEntry[] {
  const { fwdOffsets, fwdTargets, revOffsets, revSources, names } = graph;
  const n = fwdOffsets.length - 1;
  let withDependencies = 0;
  for (let i = 0; i < n; i++) if (fwdOffsets[i + 1]! > fwdOffsets[i]!) withDependencies++;
  const counts = new Int32Array(n);
  const touched = new Int32Array(n);
  const top: { node: number; count: number; lift: number; score: number }[] = [];
  return (x) => {
    const dependents = revOffsets[x + 1]! - revOffsets[x]!;
    if (dependents < TOGETHER_MIN_DEPENDENTS) return [];
    let k = 0;
    for (let e = revOffsets[x]!; e < revOffsets[x + 1]!; e++) {
      const d = revSources[e]!;
      for (let f = fwdOffsets[d]!, end = fwdOffsets[d + 1]!; f < end; f++) {
        const y = fwdTargets[f]!;
        if (y === x) continue;
        if (counts[y]!++ === 0) touched[k++] = y;
      }
    }
    top.length = 0;
    for (let j = 0; j < k; j++) {
      const y = touched[j]!;
      const count = counts[y]!;
      counts[y] = 0;
      if (count < TOGETHER_MIN_COUNT) continue;
      const lift = count / dependents / ((revOffsets[y + 1]! - revOffsets[y]!) / withDependencies);
      if (!(lift > 1)) continue;
      const candidate = { node: y, count, lift, score: count * Math.log(lift) };
      if (top.length === TOGETHER_LIMIT && !better(candidate, top[top.length - 1]!, names)) continue;
      let at = top.length === TOGETHER_LIMIT ? TOGETHER_LIMIT - 1 : top.length;
      if (top.length < TOGETHER_LIMIT) top.push(candidate);
      while (at > 0 && better(candidate, top[at - 1]!, names)) {
        top[at] = top[at - 1]!;
        at--;
      }
      top[at] = candidate;
    }
    return top.map((t) => ({ name: names[t.node]!, count: t.count, lift: Math.round(t.lift * 100) / 100 }));
  };
}

function better(a: { node: number; count: number; score: number }, b: { node: number; count: number; score: number }, names: string[]): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.count !== b.count) return a.count > b.count;
  return names[a.node]! < names[b.node]!;
}
