import { describe, expect, it } from "vitest";
import { RateLimitedError } from "../reviews/rate-limit";
import { clientKey, createSearchRateLimiter, type SearchRateLimitOptions } from "./search-rate-limit";

function limiter(options: Partial<SearchRateLimitOptions> = {}) {
  const clock = { t: 1_000_000 };
  const made = createSearchRateLimiter({ perMinute: 60, burst: 3, maxClients: 100, now: () => clock.t, ...options });
  // Whether the search may go ahead; the refusal itself through refusal().
  return { clock, take: (ip: string) => made.take(ip) === null, refusal: (ip: string) => made.take(ip) };
}

describe("createSearchRateLimiter", () => {
  it("lets a burst through, then refuses with how long to wait", () => {
    const { clock, take, refusal } = limiter();
    expect([take("203.0.113.5"), take("203.0.113.5"), take("203.0.113.5")].every(Boolean)).toBe(true);
    const refused = refusal("203.0.113.5");
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused!.status).toBe(429);
    expect(refused!.retryAt.getTime() - clock.t).toBe(1_000);
    expect(refused!.message).toMatch(/limit is 60 a minute\. Try again in 1 s/);
  });

  it("refills at the per-minute rate, never above the burst", () => {
    const { clock, take, refusal } = limiter({ perMinute: 6, burst: 2 });
    expect(take("203.0.113.5") && take("203.0.113.5")).toBe(true);
    expect(refusal("203.0.113.5")!.retryAt.getTime() - clock.t).toBe(10_000);
    clock.t += 9_000;
    expect(take("203.0.113.5")).toBe(false);
    clock.t += 1_000;
    expect(take("203.0.113.5")).toBe(true);
    expect(take("203.0.113.5")).toBe(false);
    // An hour idle refills to the burst, not to 360.
    clock.t += 3_600_000;
    expect([take("203.0.113.5"), take("203.0.113.5"), take("203.0.113.5")]).toEqual([true, true, false]);
  });

  it("counts each client apart, and never an unknown one", () => {
    const { take } = limiter({ burst: 1 });
    expect(take("203.0.113.5")).toBe(true);
    expect(take("203.0.113.5")).toBe(false);
    expect(take("198.51.100.7")).toBe(true);
    for (let i = 0; i < 10; i++) expect(take("unknown")).toBe(true);
  });

  it("counts an IPv6 /64 as one client", () => {
    const { take } = limiter({ burst: 2 });
    expect(take("2001:db8:1:2::1")).toBe(true);
    expect(take("2001:db8:1:2:ffff:0:0:9")).toBe(true);
    expect(take("2001:0db8:0001:0002::abcd")).toBe(false);
    expect(take("2001:db8:1:3::1")).toBe(true);
  });

  it("forgets the least recently seen client past maxClients", () => {
    const { take } = limiter({ burst: 1, maxClients: 2 });
    take("192.0.2.1");
    take("192.0.2.2");
    expect(take("192.0.2.1")).toBe(false); // remembered, and now the most recent
    take("192.0.2.3"); // 192.0.2.2 is forgotten
    expect(take("192.0.2.1")).toBe(false);
    expect(take("192.0.2.2")).toBe(true);
  });

  it("is off at 0 a minute", () => {
    const { take } = limiter({ perMinute: 0, burst: 0 });
    for (let i = 0; i < 10; i++) expect(take("203.0.113.5")).toBe(true);
  });
});

describe("clientKey", () => {
  it("keeps IPv4, folds IPv6 to its /64 and IPv4-mapped IPv6 to IPv4", () => {
    expect(clientKey("203.0.113.5")).toBe("203.0.113.5");
    expect(clientKey("2001:DB8::1")).toBe("2001:db8:0:0::/64");
    expect(clientKey("2001:db8:0:0:1::")).toBe("2001:db8:0:0::/64");
    expect(clientKey("::1")).toBe("0:0:0:0::/64");
    expect(clientKey("::ffff:203.0.113.5")).toBe("203.0.113.5");
    expect(clientKey("64:ff9b::192.0.2.33")).toBe("64:ff9b:0:0::/64");
  });

  it("has no key for what is not an address", () => {
    expect(clientKey("unknown")).toBeNull();
    expect(clientKey("")).toBeNull();
  });
});
