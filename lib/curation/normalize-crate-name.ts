/**
 * The form crate names are compared in: lower case, `-` as `_`. crates.io
 * treats `Foo-Bar` and `foo_bar` as one name (it refuses to publish the
 * second), so a rule written either way must match the crate.
 */
export function normalizeCrateName(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes("-") ? lower.replaceAll("-", "_") : lower;
}
