import { describe, expect, it } from "vitest";
import { requestIp } from "./request-ip";

const headers = (init: Record<string, string>) => new Headers(init);

describe("requestIp", () => {
  it("takes the first hop of X-Forwarded-For behind a trusted proxy", () => {
    expect(requestIp(headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.2", "x-real-ip": "10.0.0.2" }), { trustProxy: true })).toBe(
      "203.0.113.7",
    );
    expect(requestIp(headers({ "x-forwarded-for": "[2001:DB8::1]:443" }), { trustProxy: true })).toBe("2001:db8::1");
    expect(requestIp(headers({ "x-forwarded-for": "198.51.100.4:51234" }), { trustProxy: true })).toBe("198.51.100.4");
  });

  it("ignores X-Forwarded-For unless the proxy is trusted, and uses X-Real-IP", () => {
    expect(requestIp(headers({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.9" }), { trustProxy: false })).toBe(
      "198.51.100.9",
    );
    expect(requestIp(headers({ "x-forwarded-for": "203.0.113.7" }), { trustProxy: false })).toBe("unknown");
  });

  it("falls back to X-Real-IP, then unknown, when a header is missing or not an address", () => {
    expect(requestIp(headers({ "x-real-ip": "198.51.100.9" }), { trustProxy: true })).toBe("198.51.100.9");
    expect(requestIp(headers({ "x-forwarded-for": "not-an-ip", "x-real-ip": "198.51.100.9" }), { trustProxy: true })).toBe(
      "198.51.100.9",
    );
    expect(requestIp(headers({ "x-real-ip": "'; DROP TABLE users" }), { trustProxy: true })).toBe("unknown");
    expect(requestIp(headers({}), { trustProxy: true })).toBe("unknown");
  });

  it("reads TRUST_PROXY from the environment when not told", () => {
    expect(requestIp(headers({ "x-real-ip": "198.51.100.9" }))).toBe("198.51.100.9");
  });
});
