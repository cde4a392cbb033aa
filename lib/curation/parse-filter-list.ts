import {
  HEURISTICS,
  VERDICT_LABELS,
  type FilterListHeader,
  type Heuristic,
  type Include,
  type LineError,
  type Matcher,
  type ParsedFilterList,
  type Rule,
  type RuleAction,
  type VerdictLabel,
} from "./filter-list-types";
import { normalizeCrateName } from "./normalize-crate-name";

/** The most a list's text may weigh, in UTF-8 bytes. */
export const MAX_LIST_BYTES = 2_000_000;
/** The most characters one line may have. */
export const MAX_LINE_LENGTH = 2_000;
/** The most rules one list may have (its includes count separately). */
export const MAX_RULES = 100_000;
/** The most includes one list may have. */
export const MAX_INCLUDES = 10;
/** The most wildcards (`*`, `?`) one name pattern may have. */
export const MAX_WILDCARDS = 8;

/** `! Expires:` bounds, in minutes: 1 hour to 30 days. */
const MIN_EXPIRES_MINUTES = 60;
const MAX_EXPIRES_MINUTES = 30 * 24 * 60;

const CRATE_NAME = /^[A-Za-z0-9_-]{1,64}$/;
const NAME_PATTERN = /^[A-Za-z0-9_*?-]{1,64}$/;
const LOGIN = /^[a-z0-9_:-]+$/;
const KEYWORD = /^[a-z0-9_+-]{1,64}$/;
const CATEGORY_SLUG = /^[a-z0-9_:-]{1,128}$/;
const LIST_SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const REGEX_LIKE = /^\/.*\/[a-z]*$/;
const HEADER_LINE = /^!\s*([A-Za-z]+)\s*:(.*)$/;
const EXPIRES = /^(\d{1,6})\s*(hours?|days?)$/i;

const ACTION_LIST = "hide, demote, label, replace-with or allow";
const MATCHER_KINDS = ["name", "owner", "keyword", "category", "heuristic"] as const;
type MatcherKind = (typeof MATCHER_KINDS)[number];
const HEADER_KEYS = ["title", "description", "version", "license", "homepage", "expires"] as const;
type HeaderKey = (typeof HEADER_KEYS)[number];

/**
 * Parses a filter list (format in lib/curation/README.md). Never throws: a
 * bad line becomes a LineError (1-based line, a message saying what is wrong
 * and what is allowed) and the rest of the list still parses, so an editor
 * can show every problem at once.
 */
export function parseFilterList(text: string): ParsedFilterList {
  const header: FilterListHeader = { title: null, description: null, version: null, license: null, homepage: null, expiresMinutes: null };
  const rules: Rule[] = [];
  const includes: Include[] = [];
  const errors: LineError[] = [];

  // Every UTF-16 unit is at most 3 UTF-8 bytes, so short texts need no count.
  const bytes = text.length * 3 <= MAX_LIST_BYTES ? 0 : utf8ByteLength(text);
  if (bytes > MAX_LIST_BYTES) {
    errors.push({ line: 1, message: `The list is ${formatCount(bytes)} bytes; the most a list may have is ${formatCount(MAX_LIST_BYTES)}.` });
    return { header, rules, includes, errors };
  }

  const headerSeenOn = new Map<HeaderKey, number>();
  let tooManyRulesReported = false;
  let lineStart = 0;
  for (let lineNumber = 1; lineStart <= text.length; lineNumber++) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const contentEnd = lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const length = contentEnd - lineStart;
    const next = lineEnd + 1;
    if (length > MAX_LINE_LENGTH) {
      // Checked before slicing so a megabyte line costs nothing more than finding its end.
      errors.push({ line: lineNumber, message: `Line is ${formatCount(length)} characters long; the most a line may have is ${formatCount(MAX_LINE_LENGTH)}.` });
      lineStart = next;
      continue;
    }
    const line = text.slice(lineStart, contentEnd).trim();
    lineStart = next;
    if (line === "" || line.startsWith("#")) continue;

    if (line.startsWith("!")) {
      parseHeaderLine(line, lineNumber, header, headerSeenOn, errors);
      continue;
    }

    // Past the rule limit only includes still count; skip the work of parsing rules that will be dropped.
    if (tooManyRulesReported && !/^include\s/i.test(line)) continue;
    const outcome = parseRuleLine(line, lineNumber);
    if (outcome.kind === "error") {
      errors.push({ line: lineNumber, message: outcome.message });
    } else if (outcome.kind === "include") {
      if (includes.length >= MAX_INCLUDES) {
        errors.push({ line: lineNumber, message: `A list may include at most ${MAX_INCLUDES} others; remove an include or merge lists.` });
      } else {
        includes.push(outcome.include);
      }
    } else if (rules.length >= MAX_RULES) {
      // One error, not one per extra line: a runaway paste would otherwise bury every other message.
      if (!tooManyRulesReported) {
        errors.push({ line: lineNumber, message: `A list may have at most ${formatCount(MAX_RULES)} rules; this line and the rules after it are over the limit.` });
        tooManyRulesReported = true;
      }
    } else {
      rules.push(outcome.rule);
    }
  }
  return { header, rules, includes, errors };
}

function parseHeaderLine(line: string, lineNumber: number, header: FilterListHeader, seenOn: Map<HeaderKey, number>, errors: LineError[]): void {
  const match = HEADER_LINE.exec(line);
  if (!match) return; // any other `!` line is a comment
  const key = match[1]!.toLowerCase() as HeaderKey;
  if (!HEADER_KEYS.includes(key)) return;
  const value = match[2]!.trim();
  const label = key.charAt(0).toUpperCase() + key.slice(1);
  const firstLine = seenOn.get(key);
  if (firstLine !== undefined) {
    errors.push({ line: lineNumber, message: `${label} is already given on line ${firstLine}; give each header once.` });
    return;
  }
  seenOn.set(key, lineNumber);
  if (value === "") {
    errors.push({ line: lineNumber, message: `${label} has no value; write e.g. "! ${label}: ${headerExample(key)}".` });
    return;
  }
  switch (key) {
    case "title":
    case "description":
    case "version":
    case "license":
      header[key] = value;
      return;
    case "homepage":
      if (!isUrlWithProtocol(value, ["https:", "http:"])) {
        errors.push({ line: lineNumber, message: `Homepage must be an https:// or http:// URL, not "${value}".` });
        return;
      }
      header.homepage = value;
      return;
    case "expires": {
      const expires = EXPIRES.exec(value);
      if (!expires) {
        errors.push({ line: lineNumber, message: `Expires must be a number of hours or days, e.g. "12 hours" or "4 days", not "${value}".` });
        return;
      }
      const amount = Number(expires[1]);
      const minutes = expires[2]!.toLowerCase().startsWith("day") ? amount * 24 * 60 : amount * 60;
      if (minutes < MIN_EXPIRES_MINUTES || minutes > MAX_EXPIRES_MINUTES) {
        errors.push({ line: lineNumber, message: `Expires must be between 1 hour and 30 days, not "${value}".` });
        return;
      }
      header.expiresMinutes = minutes;
      return;
    }
  }
}

function headerExample(key: HeaderKey): string {
  switch (key) {
    case "title":
      return "Crates to avoid";
    case "description":
      return "Placeholders and squatted names";
    case "version":
      return "2026-01-15";
    case "license":
      return "CC0-1.0";
    case "homepage":
      return "https://example.org/my-list";
    case "expires":
      return "4 days";
  }
}

type LineOutcome = { kind: "rule"; rule: Rule } | { kind: "include"; include: Include } | { kind: "error"; message: string };

function parseRuleLine(line: string, lineNumber: number): LineOutcome {
  // ` #` starts the reason; a `#` inside a word (`foo#bar`) is left to fail as a bad character.
  const reasonAt = line.search(/\s#/);
  const body = reasonAt < 0 ? line : line.slice(0, reasonAt).trimEnd();
  const reasonText = reasonAt < 0 ? "" : line.slice(reasonAt + 2).trim();
  const reason = reasonText === "" ? null : reasonText;
  const words = body.split(/\s+/);
  const actionWord = words[0]!.toLowerCase();

  if (actionWord === "include") return parseInclude(words, lineNumber);

  if (!isRuleAction(actionWord)) {
    return error(`Unknown action "${words[0]}"; use ${ACTION_LIST}.`);
  }
  const action: RuleAction = actionWord;
  let next = 1;
  let label: VerdictLabel | undefined;
  let replaceWith: string | undefined;
  if (action === "label") {
    const tag = words[next++];
    if (tag === undefined) return error(`"label" needs a label and a matcher, e.g. "label unmaintained name:foo"; labels are ${VERDICT_LABELS.join(", ")}.`);
    const lower = tag.toLowerCase();
    if (!isVerdictLabel(lower)) return error(`Unknown label "${tag}"; use one of ${VERDICT_LABELS.join(", ")}.`);
    label = lower;
  } else if (action === "replace-with") {
    const crate = words[next++];
    if (crate === undefined) return error(`"replace-with" needs a crate and a matcher, e.g. "replace-with serde_json name:old-json".`);
    if (!CRATE_NAME.test(crate)) return error(`"${crate}" is not a crate name; crate names are 1 to 64 letters, digits, - and _.`);
    replaceWith = crate;
  }

  const matcherWord = words[next++];
  if (matcherWord === undefined) {
    const written = words.slice(0, next - 1).join(" ");
    return error(`Missing matcher after "${written}"; write e.g. "${written} name:foo".`);
  }
  const matcher = parseMatcher(matcherWord);
  if ("message" in matcher) return error(matcher.message);
  if (next < words.length) {
    return error(`Unexpected "${words.slice(next).join(" ")}" after the matcher; one rule has one matcher, and a reason goes after " # ".`);
  }
  const rule: Rule = { action, matcher, reason, line: lineNumber, text: line };
  if (label !== undefined) rule.label = label;
  if (replaceWith !== undefined) rule.replaceWith = replaceWith;
  return { kind: "rule", rule };

  function error(message: string): LineOutcome {
    return { kind: "error", message };
  }
}

function parseInclude(words: string[], lineNumber: number): LineOutcome {
  const includesHelp = "Includes must be https:// URLs or list:<slug>.";
  const target = words[1];
  if (target === undefined) return { kind: "error", message: `Missing what to include. ${includesHelp}` };
  if (words.length > 2) return { kind: "error", message: `Unexpected "${words.slice(2).join(" ")}" after the include; include one list per line.` };
  if (target.toLowerCase().startsWith("list:")) {
    const slug = target.slice("list:".length);
    if (!LIST_SLUG.test(slug)) {
      return { kind: "error", message: `"${slug}" is not a list slug; slugs are 2 to 63 lower-case letters, digits and -, starting with a letter or digit.` };
    }
    return { kind: "include", include: { kind: "list", slug, line: lineNumber } };
  }
  if (!isUrlWithProtocol(target, ["https:"])) return { kind: "error", message: includesHelp };
  return { kind: "include", include: { kind: "url", url: target, line: lineNumber } };
}

function parseMatcher(word: string): Matcher | { message: string } {
  const colon = word.indexOf(":");
  if (colon < 0) {
    if (word.startsWith("/")) return { message: regexMessage() };
    return parseName(word);
  }
  const kindWord = word.slice(0, colon).toLowerCase();
  const value = word.slice(colon + 1);
  if (!isMatcherKind(kindWord)) {
    return { message: `Unknown matcher "${word.slice(0, colon + 1)}"; use name:, owner:, keyword:, category: or heuristic: (a bare crate name means name:).` };
  }
  if (value === "") return { message: `The matcher "${kindWord}:" has no value; write e.g. "${kindWord}:${matcherExample(kindWord)}".` };
  if (kindWord !== "owner" && REGEX_LIKE.test(value)) return { message: regexMessage() };
  switch (kindWord) {
    case "name":
      if (value.startsWith("/")) return { message: regexMessage() };
      return parseName(value);
    case "owner": {
      const slash = value.indexOf("/");
      const ownerKind = value.slice(0, slash).toLowerCase();
      const login = value.slice(slash + 1).toLowerCase();
      if (slash < 0 || (ownerKind !== "user" && ownerKind !== "team") || login === "") {
        return { message: `Owners are written owner:user/<login> or owner:team/<login>, not "owner:${value}".` };
      }
      if (!LOGIN.test(login)) return { message: `"${value.slice(slash + 1)}" is not a login; logins have letters, digits, -, _ and (for teams) :.` };
      return { kind: "owner", owner: `${ownerKind}/${login}` };
    }
    case "keyword": {
      const keyword = value.toLowerCase();
      if (!KEYWORD.test(keyword)) return { message: `"${value}" is not a keyword; keywords are up to 64 letters, digits, -, _ and +.` };
      return { kind: "keyword", keyword };
    }
    case "category": {
      const slug = value.toLowerCase();
      if (!CATEGORY_SLUG.test(slug)) return { message: `"${value}" is not a category slug; slugs have a-z, 0-9, -, _ and :, e.g. "web-programming::http-server".` };
      return { kind: "category", slug };
    }
    case "heuristic": {
      const heuristic = value.toLowerCase();
      if (!isHeuristic(heuristic)) return { message: `Unknown heuristic "${value}"; use one of ${HEURISTICS.join(", ")}.` };
      return { kind: "heuristic", heuristic };
    }
  }
}

function parseName(value: string): Matcher | { message: string } {
  let wildcards = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 42 || c === 63) wildcards++;
  }
  if (wildcards === 0) {
    if (!CRATE_NAME.test(value)) return { message: `"${value}" is not a crate name; crate names are 1 to 64 letters, digits, - and _ (use * and ? for a pattern).` };
    return { kind: "name", name: value };
  }
  if (!NAME_PATTERN.test(value)) return { message: `"${value}" is not a name pattern; patterns are up to 64 letters, digits, -, _ and the wildcards * and ?.` };
  if (wildcards > MAX_WILDCARDS) return { message: `A name pattern may have at most ${MAX_WILDCARDS} wildcards (* and ?); "${value}" has ${wildcards}.` };
  // `**` means the same as `*`; collapsing keeps the stored pattern canonical.
  return { kind: "glob", pattern: normalizeCrateName(value).replace(/\*+/g, "*") };
}

function regexMessage(): string {
  return "Regular expressions are not supported; use * and ? in a name pattern.";
}

function matcherExample(kind: MatcherKind): string {
  switch (kind) {
    case "name":
      return "serde";
    case "owner":
      return "user/alice";
    case "keyword":
      return "crypto";
    case "category":
      return "cryptography";
    case "heuristic":
      return "placeholder";
  }
}

function isRuleAction(word: string): word is RuleAction {
  return word === "hide" || word === "demote" || word === "label" || word === "replace-with" || word === "allow";
}

function isMatcherKind(word: string): word is MatcherKind {
  return (MATCHER_KINDS as readonly string[]).includes(word);
}

function isVerdictLabel(word: string): word is VerdictLabel {
  return (VERDICT_LABELS as readonly string[]).includes(word);
}

function isHeuristic(word: string): word is Heuristic {
  return (HEURISTICS as readonly string[]).includes(word);
}

function isUrlWithProtocol(value: string, protocols: string[]): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return protocols.includes(url.protocol) && url.hostname !== "";
}

/** UTF-8 length without Buffer (this module also runs in the browser for the editor preview). */
function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** 1048576 → "1,048,576", without depending on the runtime's locale data. */
function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
