// Turns a version's `[features]` table into what a reader wants to know: which
// features exist, which are on by default, and what turning each one on does.
// Pure: cargo's feature syntax only (https://doc.rust-lang.org/cargo/reference/features.html).

export type FeatureEffect =
  /** `foo`: turns on another feature of this crate. */
  | { kind: "feature"; feature: string }
  /** `dep:foo`, or a bare name that is an optional dependency: pulls in that dependency. */
  | { kind: "dependency"; dependency: string }
  /**
   * `foo/bar`: turns on feature `bar` of dependency `foo` (pulling `foo` in if it is
   * optional); `foo?/bar` (weak): turns on `bar` only if `foo` is pulled in otherwise.
   */
  | { kind: "dependency-feature"; dependency: string; feature: string; weak: boolean };

export interface FeatureView {
  name: string;
  /** True for `default` itself and for every feature it turns on, directly or not. */
  enabledByDefault: boolean;
  /** An optional dependency's implicit feature (not written in `[features]`). */
  implicit: boolean;
  enables: FeatureEffect[];
}

export function classifyFeatureEntry(entry: string, optionalDependencies: ReadonlySet<string>, declared: ReadonlySet<string>): FeatureEffect {
  if (entry.startsWith("dep:")) return { kind: "dependency", dependency: entry.slice(4) };
  const slash = entry.indexOf("/");
  if (slash > 0) {
    const left = entry.slice(0, slash);
    const feature = entry.slice(slash + 1);
    const weak = left.endsWith("?");
    return { kind: "dependency-feature", dependency: weak ? left.slice(0, -1) : left, feature, weak };
  }
  // Before `dep:` existed a bare optional-dependency name enabled the dependency.
  if (!declared.has(entry) && optionalDependencies.has(entry)) return { kind: "dependency", dependency: entry };
  return { kind: "feature", feature: entry };
}

/**
 * The features of one version, `default` first and the rest by name.
 *
 * `optionalDependencies` are the optional dependencies' names as the manifest
 * spells them (the rename when there is one). Those never named with `dep:`
 * get cargo's implicit feature of the same name, which is listed too.
 */
export function featureList(
  features: Readonly<Record<string, readonly string[]>>,
  optionalDependencies: Iterable<string> = [],
): FeatureView[] {
  const optional = new Set(optionalDependencies);
  const declared = new Set(Object.keys(features));

  const entries = new Map<string, FeatureEffect[]>();
  for (const [name, list] of Object.entries(features)) {
    entries.set(name, list.map((entry) => classifyFeatureEntry(entry, optional, declared)));
  }

  const namedWithDep = new Set<string>();
  for (const list of Object.values(features)) {
    for (const entry of list) if (entry.startsWith("dep:")) namedWithDep.add(entry.slice(4));
  }
  const implicit = new Set<string>();
  for (const dep of optional) {
    if (!declared.has(dep) && !namedWithDep.has(dep)) {
      implicit.add(dep);
      entries.set(dep, [{ kind: "dependency", dependency: dep }]);
    }
  }

  const onByDefault = reachableFeatures(entries, implicit, "default");

  const names = [...entries.keys()].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => ({
    name,
    enabledByDefault: onByDefault.has(name),
    implicit: implicit.has(name),
    enables: entries.get(name) ?? [],
  }));
}

/** Features turned on, transitively, by turning on `start` (cycles are tolerated). */
function reachableFeatures(
  entries: ReadonlyMap<string, FeatureEffect[]>,
  implicit: ReadonlySet<string>,
  start: string,
): Set<string> {
  const seen = new Set<string>();
  if (!entries.has(start)) return seen;
  const stack = [start];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const effect of entries.get(name) ?? []) {
      if (effect.kind === "feature") {
        if (entries.has(effect.feature)) stack.push(effect.feature);
      } else if (effect.kind === "dependency" || !effect.weak) {
        // Pulling in an optional dependency also turns on its implicit feature,
        // when it has one (`dep:` anywhere in the table removes it).
        if (implicit.has(effect.dependency)) stack.push(effect.dependency);
      }
    }
  }
  return seen;
}
