/**
 * Path of a crate's file inside the registry index, relative to its root
 * (`1/a`, `2/cc`, `3/s/syn`, `se/rd/serde`). The index is case-insensitive,
 * so the path uses the lower-cased name while the file keeps the published case.
 */
export function indexPath(name: string): string {
  const lower = name.toLowerCase();
  switch (lower.length) {
    case 0:
      throw new Error("indexPath: empty crate name");
    case 1:
      return `1/${lower}`;
    case 2:
      return `2/${lower}`;
    case 3:
      return `3/${lower[0]}/${lower}`;
    default:
      return `${lower.slice(0, 2)}/${lower.slice(2, 4)}/${lower}`;
  }
}

// crates.io's rule for new names. Names published before the rule tightened
// still satisfy it (the index has none with other characters), so the ingest
// can reject anything else as a corrupt line rather than an old crate.
const CRATE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

export function isValidCrateName(name: string): boolean {
  return CRATE_NAME.test(name);
}
