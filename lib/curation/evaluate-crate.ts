import type { CompiledFilterList, CompiledRule } from "./compile-filter-list";
import type { CrateFacts, Verdict } from "./filter-list-types";
import { globMatch } from "./glob-match";

/**
 * What a view (its lists in priority order, position 0 first) does to one
 * crate; null when no rule of any list matches it. Precedence, documented for
 * curators in lib/curation/README.md:
 *
 * - Within a list (its includes included): any matching `allow` decides
 *   "allow", else any `hide` decides "hide", else any `demote` "demote";
 *   line order only picks which rule of the winning action is recorded.
 * - Across lists: the first list that decides sets `action` and `decidedBy`.
 * - Labels gather from every list, one per label (the first source kept);
 *   `replace-with` is the first match in view order.
 *
 * Called for every crate of a view (~250,000), so it allocates nothing for a
 * crate no rule touches and looks rules up by Map rather than scanning them.
 */
export function evaluateCrate(lists: readonly CompiledFilterList[], crate: CrateFacts): Verdict | null {
  const nameLower = crate.nameLower;
  const name = nameLower.includes("-") ? nameLower.replaceAll("-", "_") : nameLower;
  let categories: string[] | null = null;
  let verdict: Verdict | null = null;
  const found = new ListMatches();

  for (const list of lists) {
    found.reset();
    found.addAll(list.byName.get(name));
    if (list.byOwner.size > 0) for (const owner of crate.owners) found.addAll(list.byOwner.get(owner));
    if (list.byKeyword.size > 0) for (const keyword of crate.keywords) found.addAll(list.byKeyword.get(keyword));
    if (list.byHeuristic.size > 0) for (const heuristic of crate.heuristics) found.addAll(list.byHeuristic.get(heuristic));
    if (list.byCategory.size > 0) {
      categories ??= withParentCategories(crate.categories);
      for (const category of categories) found.addAll(list.byCategory.get(category));
    }
    for (const glob of list.globs) {
      if (glob.hasStar ? name.length < glob.minLength : name.length !== glob.minLength) continue;
      if (!name.startsWith(glob.prefix) || !name.endsWith(glob.suffix)) continue;
      if (glob.singleStar || globMatch(glob.pattern, name)) found.add(glob.rule);
    }
    if (!found.any) continue;

    verdict ??= { action: null, decidedBy: null, labels: [], replaceWith: null };
    if (verdict.action === null) {
      const decider = found.allow ?? found.hide ?? found.demote;
      if (decider) {
        verdict.action = decider.action as "allow" | "hide" | "demote";
        verdict.decidedBy = decider.source;
      }
    }
    if (verdict.replaceWith === null && found.replace) {
      verdict.replaceWith = { crate: found.replace.replaceWith!, source: found.replace.source };
    }
    if (found.labels.length > 0) {
      const labels = found.labels.length > 1 ? found.labels.sort(byOrder) : found.labels;
      for (const rule of labels) {
        if (!verdict.labels.some((l) => l.label === rule.label)) verdict.labels.push({ label: rule.label!, source: rule.source });
      }
    }
  }
  return verdict;
}

/** The matches of one list: the first rule (by order) of each action, and every label rule. */
class ListMatches {
  any = false;
  allow: CompiledRule | null = null;
  hide: CompiledRule | null = null;
  demote: CompiledRule | null = null;
  replace: CompiledRule | null = null;
  labels: CompiledRule[] = [];

  reset(): void {
    this.any = false;
    this.allow = this.hide = this.demote = this.replace = null;
    if (this.labels.length > 0) this.labels = [];
  }

  addAll(rules: CompiledRule[] | undefined): void {
    if (rules === undefined) return;
    for (const rule of rules) this.add(rule);
  }

  add(rule: CompiledRule): void {
    this.any = true;
    switch (rule.action) {
      case "allow":
        if (this.allow === null || rule.order < this.allow.order) this.allow = rule;
        break;
      case "hide":
        if (this.hide === null || rule.order < this.hide.order) this.hide = rule;
        break;
      case "demote":
        if (this.demote === null || rule.order < this.demote.order) this.demote = rule;
        break;
      case "replace-with":
        if (this.replace === null || rule.order < this.replace.order) this.replace = rule;
        break;
      case "label":
        this.labels.push(rule);
        break;
    }
  }
}

function byOrder(a: CompiledRule, b: CompiledRule): number {
  return a.order - b.order;
}

/** A crate in "a::b::c" is also in "a::b" and "a", so `category:a` matches it. */
function withParentCategories(categories: readonly string[]): string[] {
  const all: string[] = [];
  for (const category of categories) {
    let end = category.length;
    while (end > 0) {
      const slug = category.slice(0, end);
      if (!all.includes(slug)) all.push(slug);
      end = category.lastIndexOf("::", end - 1);
    }
  }
  return all;
}
