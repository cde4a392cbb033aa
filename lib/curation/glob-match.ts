/**
 * Whether `name` matches `pattern`, where `*` is any run of characters
 * (possibly none) and `?` is exactly one. Both are expected normalized
 * (normalizeCrateName); nothing else is special.
 *
 * The classic two-pointer walk: on a mismatch go back to just after the last
 * `*` and let it swallow one more character. Worst case O(n·m), no regex and
 * no recursion, so a pattern like `a*a*a*a*b` against a long run of `a`s
 * cannot blow up the way a backtracking regex does.
 */
export function globMatch(pattern: string, name: string): boolean {
  const p = pattern.length;
  const n = name.length;
  let pi = 0;
  let ni = 0;
  // Position in the pattern just after the last `*`, and where in the name that star's match ends; -1: no star yet.
  let starPi = -1;
  let starNi = 0;
  while (ni < n) {
    if (pi < p) {
      const c = pattern.charCodeAt(pi);
      if (c === 42 /* * */) {
        starPi = ++pi;
        starNi = ni;
        continue;
      }
      if (c === 63 /* ? */ || c === name.charCodeAt(ni)) {
        pi++;
        ni++;
        continue;
      }
    }
    if (starPi < 0) return false;
    pi = starPi;
    ni = ++starNi;
  }
  while (pi < p && pattern.charCodeAt(pi) === 42) pi++;
  return pi === p;
}
