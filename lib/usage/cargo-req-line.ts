// Release lines of Cargo versions and version requirements. Pure.
//
// A *release line* is the set of versions Cargo treats as compatible with
// each other (its caret rule):
//
//   1.4.2 → "1"      any version with major ≥ 1: the major number
//   0.9.3 → "0.9"    major 0, minor ≥ 1: "0." and the minor number
//   0.0.3 → "0.0.3"  major and minor 0: every patch is its own line
//
// Prereleases and build metadata do not change the line (1.0.0-beta.2 is on
// line "1", 0.0.3-rc.1 on "0.0.3"): they are read by their numbers.
//
// The line a *requirement* selects is the line of the newest version it
// accepts, because that is the version Cargo resolves it to once published.
// Requirements follow Cargo (the semver crate):
//
//   - comparators are separated by commas and all must hold; whitespace
//     around operators and versions is allowed, and, as old crates.io
//     manifests have them, comparators separated by whitespace alone are read
//     as if a comma were there (">= 0.2, < 0.4" and ">= 0.2 < 0.4" agree);
//   - operators: none or "^" (caret), "~" (tilde), "=", ">", ">=", "<", "<=";
//     partial versions as Cargo reads them ("1.2" = "^1.2", "=1.2" =
//     ">=1.2.0, <1.3.0", "<=1.2" = "<1.3.0", ">1" = ">=2.0.0", "~1" =
//     ">=1.0.0, <2.0.0", "^0.0" = ">=0.0.0, <0.1.0", "^0" = "<1.0.0");
//   - wildcards "*", "x", "X": "*" accepts everything, "1.*" = "=1",
//     "1.2.*" = "=1.2" (after an operator, a wildcard just ends the version);
//   - versions are compared as releases: "<2.0.0" does not accept 2.0.0-alpha
//     (Cargo matches a prerelease only when a comparator names the same
//     version with a prerelease), "=0.3.0-alpha.1" selects line "0.3".
//
// What comes out:
//
//   - the line, when the newest accepted version has one: "1.2", "~1.2.3",
//     "=1.4.0", "1.*", ">=1.5, <2" → "1"; "0.9", "~0.9.3" → "0.9";
//     "0.0.3", "^0.0.3" → "0.0.3"; ">=0.5, <2" → "1" (Cargo picks 1.x: a
//     requirement bounded above selects the newest line under its bound,
//     so it does not count as accepting a later 2.x);
//   - "*" when the requirement is unbounded above ("*", ">=1.0", ">0.3"):
//     whatever is latest, it accepts it;
//   - a wider line "0" (any 0.x) or "0.0" (any 0.0.x) when the bound leaves
//     no newest line: "0", "^0", "0.*", ">=0.3, <1" → "0"; "^0.0", "<0.1" →
//     "0.0". `lineContains` says which lines these cover;
//   - null when the text is not a requirement Cargo reads ("", "latest",
//     "~>1.0", "1.2.3.4", "01.0") or accepts no version (">2, <1").

/** The key for requirements that reqLine cannot read, in counts by line. */
export const UNREADABLE_LINE = "?";
/** The line of requirements unbounded above: they accept the latest, whatever it is. */
export const ANY_LINE = "*";

interface Point {
  major: bigint;
  minor: bigint;
  patch: bigint;
  /** A prerelease of this version: just below it (all prereleases of one version are one point here). */
  pre: boolean;
}

interface Bound {
  at: Point;
  inclusive: boolean;
}

interface Range {
  lower: Bound | null;
  upper: Bound | null;
}

type Operator = "=" | ">=" | "<=" | ">" | "<" | "~" | "^";

const VERSION =
  /^(\d+|[*xX])(?:\.(\d+|[*xX]))?(?:\.(\d+|[*xX]))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

function isWildcard(part: string | undefined): boolean {
  return part === "*" || part === "x" || part === "X";
}

/** Line of a version by its numbers. */
function lineOf(major: bigint, minor: bigint, patch: bigint): string {
  if (major > 0n) return String(major);
  if (minor > 0n) return `0.${minor}`;
  return `0.0.${patch}`;
}

/**
 * The release line of a version: "1.4.2" → "1", "0.9.3" → "0.9", "0.0.3" →
 * "0.0.3", "1.0.0-beta.2" → "1". Text that does not start with a version
 * number comes back trimmed, as its own line.
 */
export function versionLine(version: string): string {
  const match = /^\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version);
  if (!match) return version.trim();
  return lineOf(BigInt(match[1]!), BigInt(match[2] ?? 0), BigInt(match[3] ?? 0));
}

function point(major: bigint, minor: bigint, patch: bigint, pre = false): Point {
  return { major, minor, patch, pre };
}

function comparePoints(a: Point, b: Point): number {
  for (const [x, y] of [
    [a.major, b.major],
    [a.minor, b.minor],
    [a.patch, b.patch],
  ] as const) {
    if (x !== y) return x < y ? -1 : 1;
  }
  // A prerelease point sorts just below its release.
  return a.pre === b.pre ? 0 : a.pre ? -1 : 1;
}

/** The bounds one comparator puts on versions; null when it is not one Cargo reads. */
function parseComparator(op: Operator | "", text: string): Range | null {
  const match = VERSION.exec(text);
  if (!match) return null;
  const [, majorText, minorText, patchText, preText] = match;
  const parts = [majorText, minorText, patchText];
  // A wildcard ends the version: nothing but wildcards may follow it, and no prerelease.
  const firstWildcard = parts.findIndex(isWildcard);
  if (firstWildcard >= 0) {
    if (parts.slice(firstWildcard).some((p) => p !== undefined && !isWildcard(p)) || preText !== undefined) return null;
  }
  const given = (firstWildcard >= 0 ? parts.slice(0, firstWildcard) : parts).filter((p) => p !== undefined);
  if (given.some((p) => p.length > 1 && p.startsWith("0"))) return null;
  // A prerelease needs all three numbers ("1.2-alpha" is not a version).
  if (preText !== undefined && given.length < 3) return null;
  if (given.length === 0) return { lower: null, upper: null };
  // "1.*" without an operator means "=1" (a caret would be the same range).
  const operator: Operator = op === "" ? (firstWildcard >= 0 ? "=" : "^") : op;
  const major = BigInt(given[0]!);
  const minor = given.length > 1 ? BigInt(given[1]!) : null;
  const patch = given.length > 2 ? BigInt(given[2]!) : null;
  const pre = preText !== undefined;
  const floor = point(major, minor ?? 0n, patch ?? 0n, pre);
  // The first version past what a partial version names: "1.2" → 1.3.0, "1" → 2.0.0.
  const pastPartial = minor === null ? point(major + 1n, 0n, 0n) : point(major, minor + 1n, 0n);
  const incl = (at: Point): Bound => ({ at, inclusive: true });
  const excl = (at: Point): Bound => ({ at, inclusive: false });
  switch (operator) {
    case "=":
      return patch === null ? { lower: incl(floor), upper: excl(pastPartial) } : { lower: incl(floor), upper: incl(floor) };
    case ">":
      return { lower: patch === null ? incl(pastPartial) : excl(floor), upper: null };
    case ">=":
      return { lower: incl(floor), upper: null };
    case "<":
      return { lower: null, upper: excl(floor) };
    case "<=":
      return { lower: null, upper: patch === null ? excl(pastPartial) : incl(floor) };
    case "~":
      return { lower: incl(floor), upper: excl(pastPartial) };
    case "^": {
      let upper: Point;
      if (major > 0n) upper = point(major + 1n, 0n, 0n);
      else if (minor === null) upper = point(1n, 0n, 0n);
      else if (minor > 0n) upper = point(0n, minor + 1n, 0n);
      else if (patch === null) upper = point(0n, 1n, 0n);
      else upper = point(0n, 0n, patch + 1n);
      return { lower: incl(floor), upper: excl(upper) };
    }
  }
}

/** Splits a requirement into [operator, version] pairs; null when it is malformed. */
function tokenize(req: string): [Operator | "", string][] | null {
  const comparators: [Operator | "", string][] = [];
  for (const clause of req.split(",")) {
    if (clause.trim() === "") return null;
    // Operator, optional whitespace, version; repeated for old whitespace-separated requirements.
    const scanner = /\s*(>=|<=|=|>|<|~|\^)?\s*([^\s,<>=~^]+)\s*/y;
    let at = 0;
    while (at < clause.length) {
      scanner.lastIndex = at;
      const match = scanner.exec(clause);
      if (!match || match[0].length === 0) return null;
      comparators.push([(match[1] as Operator | undefined) ?? "", match[2]!]);
      at = scanner.lastIndex;
    }
  }
  return comparators;
}

/**
 * The release line a Cargo version requirement selects (see the rules at the
 * top of this file): "1.2" → "1", "~0.9.3" → "0.9", "=0.0.3" → "0.0.3",
 * ">=1.0" or "*" → "*", null when the requirement cannot be read.
 */
export function reqLine(req: string): string | null {
  const comparators = tokenize(req);
  if (!comparators || comparators.length === 0) return null;
  let lower: Bound | null = null;
  let upper: Bound | null = null;
  for (const [op, text] of comparators) {
    const range = parseComparator(op, text);
    if (!range) return null;
    if (range.lower) {
      const c = lower ? comparePoints(range.lower.at, lower.at) : 1;
      if (c > 0 || (c === 0 && !range.lower.inclusive)) lower = range.lower;
    }
    if (range.upper) {
      const c = upper ? comparePoints(range.upper.at, upper.at) : -1;
      if (c < 0 || (c === 0 && !range.upper.inclusive)) upper = range.upper;
    }
  }
  if (!upper) return ANY_LINE;
  const top = upper.at;
  if (upper.inclusive) {
    if (lower && (comparePoints(lower.at, top) > 0 || (comparePoints(lower.at, top) === 0 && !lower.inclusive))) return null;
    return lineOf(top.major, top.minor, top.patch);
  }
  // Below an exclusive bound: not its prereleases either, unless the lower
  // bound is one of them (">=1.0.0-alpha, <1.0.0" accepts only prereleases of 1.0.0).
  if (lower && lower.at.pre && lower.at.major === top.major && lower.at.minor === top.minor && lower.at.patch === top.patch) {
    return lineOf(top.major, top.minor, top.patch);
  }
  const below = point(top.major, top.minor, top.patch, true);
  if (lower && comparePoints(lower.at, below) >= 0) return null;
  // The newest versions under the bound.
  if (top.patch > 0n) return lineOf(top.major, top.minor, top.patch - 1n);
  if (top.minor > 0n) return top.major > 0n ? String(top.major) : `0.${top.minor - 1n}`;
  if (top.major > 1n) return String(top.major - 1n);
  if (top.major === 1n) return "0";
  return null;
}

/** A line as numbers for ordering; parts a wider line leaves open are +Infinity ("*" is open everywhere). */
function lineKey(line: string): number[] | null {
  if (line === ANY_LINE) return [Infinity, Infinity, Infinity];
  if (!/^\d+(\.\d+){0,2}$/.test(line)) return null;
  const [major = 0, minor, patch] = line.split(".").map(Number);
  if (major > 0) return [major, Infinity, Infinity];
  if (minor === undefined) return [0, Infinity, Infinity];
  if (minor > 0) return [0, minor, Infinity];
  return [0, 0, patch ?? Infinity];
}

/**
 * Orders lines newest first: "*", then "2", "1", "0" (any 0.x), "0.10",
 * "0.9", "0.0" (any 0.0.x), "0.0.3"; anything else ("?") last, by text.
 */
export function compareLinesNewestFirst(a: string, b: string): number {
  const ka = lineKey(a);
  const kb = lineKey(b);
  if (!ka || !kb) return ka ? -1 : kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
  for (let i = 0; i < 3; i++) {
    if (ka[i] !== kb[i]) return ka[i]! > kb[i]! ? -1 : 1;
  }
  return 0;
}

/**
 * Whether a requirement's line accepts versions of `line`: the same line,
 * "*", or a wider line around it ("0" contains "0.9" and "0.0.3"; "0.0"
 * contains "0.0.3").
 */
export function lineContains(reqLineValue: string, line: string): boolean {
  if (reqLineValue === ANY_LINE || reqLineValue === line) return true;
  return (reqLineValue === "0" || reqLineValue === "0.0") && line.startsWith(`${reqLineValue}.`);
}

/** How a line reads on a page: "1.x", "0.9.x", "0.0.3", "any version" for "*", "unreadable" for "?". */
export function lineLabel(line: string): string {
  if (line === ANY_LINE) return "any version";
  if (line === UNREADABLE_LINE) return "unreadable";
  const key = lineKey(line);
  if (!key) return line;
  return key[2] === Infinity ? `${line}.x` : line;
}
