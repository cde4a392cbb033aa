/**
 * A string whose plain byte-order comparison (JS `<`, PostgreSQL
 * `COLLATE "C"`) matches semver precedence, so "latest version" and version
 * lists can be ordered by the database with an ordinary index.
 *
 * Layout of a valid key:
 *   major "." minor "." patch   each zero-padded to 20 digits (u64 max is 20
 *                               digits; crates.io versions reach it), then
 *   RELEASE                     for a release, or
 *   PRERELEASE id (SEP id)*     for a prerelease, where each id is
 *     NUMERIC <4-digit length> <digits>   (longer numbers sort higher, equal
 *                                          lengths compare digit by digit)
 *     ALPHA <chars>                       (ASCII order, as semver says)
 *
 * The markers are control characters below every identifier character
 * ([0-9A-Za-z-] are >= 0x2D): SEP sorting lowest makes "a" < "a-b" and
 * "a" < "a.x" (a shorter identifier or list loses when the prefix is equal);
 * NUMERIC < ALPHA makes numeric identifiers sort first; PRERELEASE < RELEASE
 * puts every prerelease before its release. NUL is never used because
 * PostgreSQL text cannot hold it.
 *
 * Build metadata is ignored, as semver precedence requires.
 */
const SEP = "\u0001";
const PRERELEASE = "\u0001";
const RELEASE = "\u0002";
const NUMERIC = "\u0002";
const ALPHA = "\u0003";
// Sorts before the first digit of any valid key.
const INVALID = "\u0001";

const WIDTH = 20;
const VERSION =
  /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

export interface SemverSortKey {
  key: string;
  prerelease: boolean;
  /** false when `num` is not semver; its key then sorts below every valid one. */
  valid: boolean;
}

// Leading zeros are not strict semver, but crates.io accepted some early on
// (`0.0.1-001`); reading them by value keeps those versions sortable.
function stripZeros(digits: string): string {
  const stripped = digits.replace(/^0+/, "");
  return stripped === "" ? "0" : stripped;
}

function padPart(digits: string): string | null {
  const value = stripZeros(digits);
  return value.length > WIDTH ? null : value.padStart(WIDTH, "0");
}

function encodeIdentifier(id: string): string | null {
  if (/^\d+$/.test(id)) {
    const value = stripZeros(id);
    if (value.length > 9999) return null;
    return NUMERIC + String(value.length).padStart(4, "0") + value;
  }
  return ALPHA + id;
}

function invalid(num: string): SemverSortKey {
  // Control characters are dropped so they cannot collide with the markers.
  return { key: INVALID + num.replace(/[\u0000-\u001f]/g, ""), prerelease: false, valid: false };
}

export function semverSortKey(num: string): SemverSortKey {
  const match = VERSION.exec(num);
  if (!match) return invalid(num);
  const [, major = "", minor = "", patch = "", pre] = match;
  const parts = [padPart(major), padPart(minor), padPart(patch)];
  if (parts.some((part) => part === null)) return invalid(num);
  const core = parts.join(".");
  if (pre === undefined) return { key: core + RELEASE, prerelease: false, valid: true };

  const ids = pre.split(".").map(encodeIdentifier);
  if (ids.some((id) => id === null)) return invalid(num);
  return { key: core + PRERELEASE + ids.join(SEP), prerelease: true, valid: true };
}
