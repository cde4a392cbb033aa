import type { FilterListHeader, Include, Matcher, ParsedFilterList, RuleAction, VerdictLabel } from "./filter-list-types";

/** A filter list as plain JSON (for `/lists/<slug>.json` and API clients). */
export interface FilterListJson {
  slug: string;
  header: FilterListHeader;
  rules: FilterListJsonRule[];
  includes: Include[];
}

export interface FilterListJsonRule {
  line: number;
  action: RuleAction;
  label?: VerdictLabel;
  replaceWith?: string;
  /** `value` is the name, pattern, owner, keyword, category slug or heuristic, as stored (patterns normalized). */
  matcher: { kind: Matcher["kind"]; value: string };
  reason: string | null;
}

export function filterListToJson(slug: string, parsed: ParsedFilterList): FilterListJson {
  return {
    slug,
    header: { ...parsed.header },
    rules: parsed.rules.map((rule) => {
      const json: FilterListJsonRule = { line: rule.line, action: rule.action, matcher: { kind: rule.matcher.kind, value: matcherValue(rule.matcher) }, reason: rule.reason };
      if (rule.label !== undefined) json.label = rule.label;
      if (rule.replaceWith !== undefined) json.replaceWith = rule.replaceWith;
      return json;
    }),
    includes: parsed.includes.map((include) => ({ ...include })),
  };
}

function matcherValue(matcher: Matcher): string {
  switch (matcher.kind) {
    case "name":
      return matcher.name;
    case "glob":
      return matcher.pattern;
    case "owner":
      return matcher.owner;
    case "keyword":
      return matcher.keyword;
    case "category":
      return matcher.slug;
    case "heuristic":
      return matcher.heuristic;
  }
}
