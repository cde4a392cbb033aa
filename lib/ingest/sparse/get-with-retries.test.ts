import { describe, expect, it } from "vitest";
import { parseRetryAfter, resolveHttpOptions, sparseBaseUrl } from "./get-with-retries";

describe("parseRetryAfter", () => {
  const now = Date.parse("2025-01-01T00:00:00Z");
  it.each([
    [null, null],
    ["3", 3000],
    [" 0 ", 0],
    ["Wed, 01 Jan 2025 00:00:10 GMT", 10_000],
    ["Tue, 31 Dec 2024 23:59:00 GMT", 0],
    ["soon", null],
  ])("%s → %s ms", (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });
});

describe("sparseBaseUrl", () => {
  const defaults = resolveHttpOptions({});
  it("strips sparse+ and ends the path with a slash", () => {
    expect(sparseBaseUrl("sparse+https://index.crates.io", defaults).href).toBe("https://index.crates.io/");
    expect(sparseBaseUrl("https://mirror.example/index", defaults).href).toBe("https://mirror.example/index/");
  });
  it("refuses http by default and anything but http(s) always", () => {
    expect(() => sparseBaseUrl("http://index.crates.io/", defaults)).toThrow(/refused by allowedHosts/);
    const anything = resolveHttpOptions({ allowedHosts: () => true });
    expect(() => sparseBaseUrl("file:///etc/", anything)).toThrow(/not an HTTP URL/);
    expect(() => sparseBaseUrl("not a url", anything)).toThrow(/not a valid URL/);
  });
});
