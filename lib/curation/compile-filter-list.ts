import type { Heuristic, Rule, RuleAction, VerdictLabel, VerdictSource } from "./filter-list-types";
import { normalizeCrateName } from "./normalize-crate-name";

/** One rule, ready for evaluateCrate. */
export interface CompiledRule {
  /** Rank over the whole list (part order, then line): of several matches, the lowest is the one recorded. */
  order: number;
  action: RuleAction;
  label?: VerdictLabel;
  replaceWith?: string;
  /** Built once here, so a verdict costs no allocation per crate. */
  source: VerdictSource;
}

/** A name pattern with the cheap checks that rule most names out before globMatch runs. */
export interface CompiledGlob {
  /** Normalized, runs of `*` collapsed. */
  pattern: string;
  /** Literal text before the first wildcard, and after the last one. */
  prefix: string;
  suffix: string;
  /** Characters a match needs at least (everything but `*`). */
  minLength: number;
  /** Without `*` a match has exactly minLength characters. */
  hasStar: boolean;
  /** `prefix*suffix`: the prefix, suffix and length checks decide it alone. */
  singleStar: boolean;
  rule: CompiledRule;
}

/**
 * A list and its includes as one set of rules, indexed so that evaluating a
 * crate costs a few Map lookups plus the globs, however many rules there are.
 */
export interface CompiledFilterList {
  slug: string;
  ruleCount: number;
  /** Keyed by normalized crate name. */
  byName: Map<string, CompiledRule[]>;
  /** Keyed by "user/<login>" or "team/<login>", lower case. */
  byOwner: Map<string, CompiledRule[]>;
  byKeyword: Map<string, CompiledRule[]>;
  /** Keyed by the slug written; evaluateCrate also looks up each parent of a crate's categories. */
  byCategory: Map<string, CompiledRule[]>;
  byHeuristic: Map<Heuristic, CompiledRule[]>;
  globs: CompiledGlob[];
}

/**
 * Compiles a list for evaluation. `parts[0]` is the list itself, the rest its
 * includes as the store resolved them (flattened, depth-first): all their
 * rules count as this one list's for precedence, but each keeps its own part's
 * slug (a URL for a URL include) in its VerdictSource so a banner can say
 * where a rule came from.
 */
export function compileFilterList(parts: { slug: string; rules: Rule[] }[]): CompiledFilterList {
  const compiled: CompiledFilterList = {
    slug: parts[0]?.slug ?? "",
    ruleCount: 0,
    byName: new Map(),
    byOwner: new Map(),
    byKeyword: new Map(),
    byCategory: new Map(),
    byHeuristic: new Map(),
    globs: [],
  };
  let order = 0;
  for (const part of parts) {
    // Line order is what "first match" means; the store may hand rules over in any order.
    const rules = [...part.rules].sort((a, b) => a.line - b.line);
    for (const rule of rules) {
      const entry: CompiledRule = {
        order: order++,
        action: rule.action,
        source: { listSlug: part.slug, line: rule.line, rule: rule.text, reason: rule.reason },
      };
      if (rule.label !== undefined) entry.label = rule.label;
      if (rule.replaceWith !== undefined) entry.replaceWith = rule.replaceWith;
      const matcher = rule.matcher;
      switch (matcher.kind) {
        case "name":
          push(compiled.byName, normalizeCrateName(matcher.name), entry);
          break;
        case "glob":
          compiled.globs.push(compileGlob(matcher.pattern, entry));
          break;
        case "owner":
          push(compiled.byOwner, matcher.owner.toLowerCase(), entry);
          break;
        case "keyword":
          push(compiled.byKeyword, matcher.keyword.toLowerCase(), entry);
          break;
        case "category":
          push(compiled.byCategory, matcher.slug.toLowerCase(), entry);
          break;
        case "heuristic":
          push(compiled.byHeuristic, matcher.heuristic, entry);
          break;
      }
    }
  }
  compiled.ruleCount = order;
  return compiled;
}

function compileGlob(rawPattern: string, rule: CompiledRule): CompiledGlob {
  const pattern = normalizeCrateName(rawPattern).replace(/\*+/g, "*");
  let first = -1;
  let last = -1;
  let stars = 0;
  let questions = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*" || c === "?") {
      if (first < 0) first = i;
      last = i;
      if (c === "*") stars++;
      else questions++;
    }
  }
  const prefix = first < 0 ? pattern : pattern.slice(0, first);
  const suffix = last < 0 ? "" : pattern.slice(last + 1);
  return {
    pattern,
    prefix,
    suffix,
    minLength: pattern.length - stars,
    hasStar: stars > 0,
    singleStar: stars === 1 && questions === 0,
    rule,
  };
}

function push<K>(map: Map<K, CompiledRule[]>, key: K, rule: CompiledRule): void {
  const rules = map.get(key);
  if (rules) rules.push(rule);
  else map.set(key, [rule]);
}
