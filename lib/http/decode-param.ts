/**
 * A dynamic route segment as text. Next may hand segments over still
 * percent-encoded; crate names, slugs and keywords never contain `%`, so
 * decoding once is safe, and a malformed escape is kept as typed (it will 404).
 */
export function decodeParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
