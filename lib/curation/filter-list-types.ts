// The shapes shared by the filter-list parser, the evaluator, the store and
// the pages. Pure types: no I/O here. The format itself is documented in
// lib/curation/README.md.

/** What a rule does to the crates it matches. */
export const RULE_ACTIONS = ["hide", "demote", "label", "replace-with", "allow"] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

/** Labels a `label` rule may give (anything else is a line error). */
export const VERDICT_LABELS = ["deprecated", "unmaintained", "unsound", "placeholder", "squatted", "spam", "broken", "insecure", "experimental"] as const;
export type VerdictLabel = (typeof VERDICT_LABELS)[number];

/** Built-in heuristics computed from registry data (lib/curation/heuristics.ts). */
export const HEURISTICS = ["placeholder", "all-yanked", "no-description-no-repository", "squatting-burst", "depends-on-all-yanked"] as const;
export type Heuristic = (typeof HEURISTICS)[number];

/** What a rule matches. Names and globs are compared normalized: lower case, `-` as `_`. */
export type Matcher =
  | { kind: "name"; name: string }
  | { kind: "glob"; pattern: string }
  | { kind: "owner"; owner: string } // "user/<login>" or "team/<login>", lower case
  | { kind: "keyword"; keyword: string }
  | { kind: "category"; slug: string } // also matches its subcategories ("a::b" under "a")
  | { kind: "heuristic"; heuristic: Heuristic };

export interface Rule {
  action: RuleAction;
  /** For `label`: the tag. */
  label?: VerdictLabel;
  /** For `replace-with`: the recommended crate's name as written. */
  replaceWith?: string;
  matcher: Matcher;
  /** Text after ` # ` on the rule's line: why (shown on banners and in exports). */
  reason: string | null;
  /** 1-based line in the list's text. */
  line: number;
  /** The line as written (trimmed). */
  text: string;
}

/** `include list:<slug>` or `include https://…`. */
export type Include = { kind: "list"; slug: string; line: number } | { kind: "url"; url: string; line: number };

export interface FilterListHeader {
  title: string | null;
  description: string | null;
  version: string | null;
  license: string | null;
  homepage: string | null;
  /** `! Expires: 4 days` in minutes (how often subscribers refresh), null when absent. */
  expiresMinutes: number | null;
}

export interface LineError {
  /** 1-based. */
  line: number;
  message: string;
}

export interface ParsedFilterList {
  header: FilterListHeader;
  rules: Rule[];
  includes: Include[];
  errors: LineError[];
}

/**
 * What the evaluator knows about one crate. Names lower case; heuristics are
 * the ones that hold for the crate (computed from registry data in SQL).
 */
export interface CrateFacts {
  nameLower: string;
  /** "user/<login>" and "team/<login>", lower case. */
  owners: string[];
  keywords: string[];
  /** Category slugs. */
  categories: string[];
  heuristics: Heuristic[];
}

/** The rule behind a verdict, with the list it is in. */
export interface VerdictSource {
  listSlug: string;
  line: number;
  rule: string;
  reason: string | null;
}

/** What a view does to one crate. A crate no rule touches has no verdict. */
export interface Verdict {
  /** The deciding action: hide or demote; allow when an exception decided; null when only labels or a replacement apply. */
  action: "hide" | "demote" | "allow" | null;
  /** The rule that decided `action`. */
  decidedBy: VerdictSource | null;
  labels: { label: VerdictLabel; source: VerdictSource }[];
  replaceWith: { crate: string; source: VerdictSource } | null;
}
