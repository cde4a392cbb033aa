/**
 * Where to send someone after sign-in: `value` if it is a path on this site,
 * else "/". Refuses everything that could leave the site (open redirects):
 * absolute and protocol-relative URLs (`//evil.example`, `/\evil.example`,
 * which browsers read as `//`), other schemes, control characters and
 * backslashes anywhere. Returns the path normalized, query and fragment kept.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2000) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  // Browsers strip tabs and newlines from URLs and treat "\" as "/".
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  const base = "http://same-site.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
