import { describe, expect, it } from "vitest";
import type { SearchBackend, SearchRequest, SearchResponse } from "./search-backend";
import { withCache } from "./with-cache";
import { searchRequest } from "../../test/search-request";

// A counting backend stands in for the wrapped one: what is under test is
// only whether the cache asks it again.
function countingBackend(answer: (request: SearchRequest, call: number) => Partial<SearchResponse> | Error) {
  let calls = 0;
  const backend: SearchBackend = {
    name: "postgres",
    async search(request) {
      calls += 1;
      const result = answer(request, calls);
      if (result instanceof Error) throw result;
      return { total: calls, page: 1, perPage: 10, results: [], facets: null, didYouMean: null, backend: "postgres", degraded: false, hidden: null, ...result } as SearchResponse;
    },
  };
  return { backend, calls: () => calls };
}

const request = searchRequest;

describe("withCache", () => {
  it("answers an identical request from the cache until it expires, and waits for a new answer once even its stale window is over", async () => {
    let clock = 0;
    const inner = countingBackend(() => ({}));
    const cached = withCache(inner.backend, { ttlMs: 1000, staleMs: 500, maxEntries: 10, now: () => clock });
    expect((await cached.search(request("serde"))).total).toBe(1);
    clock = 999;
    expect((await cached.search(request("serde"))).total).toBe(1);
    expect(inner.calls()).toBe(1);
    clock = 1500;
    expect((await cached.search(request("serde"))).total).toBe(2);
    expect(inner.calls()).toBe(2);
  });

  it("gives an expired answer at once inside its stale window, refreshes it once in the background, then gives the new one", async () => {
    let clock = 0;
    let release: () => void = () => {};
    const inner = countingBackend(() => ({}));
    const slow: SearchBackend = {
      name: "postgres",
      search: async (r) => {
        const answer = inner.backend.search(r);
        if (inner.calls() > 1) await new Promise<void>((resolve) => (release = resolve));
        return answer;
      },
    };
    const cached = withCache(slow, { ttlMs: 1000, staleMs: 500, maxEntries: 10, now: () => clock });
    expect((await cached.search(request("serde"))).total).toBe(1);
    clock = 1200;
    // The refresh is held back: both requests get the stale answer, and only one refresh runs.
    expect((await cached.search(request("serde"))).total).toBe(1);
    expect((await cached.search(request("serde"))).total).toBe(1);
    expect(inner.calls()).toBe(2);
    release();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cached.search(request("serde"))).total).toBe(2);
    expect(inner.calls()).toBe(2);
    // The refreshed answer is fresh for a whole ttl from when it arrived.
    clock = 2199;
    expect((await cached.search(request("serde"))).total).toBe(2);
    expect(inner.calls()).toBe(2);
  });

  it("keeps the stale answer when a refresh fails or is degraded, and drops a refresh that a clear() overtook", async () => {
    let clock = 0;
    const inner = countingBackend((_r, call) => (call === 2 ? new Error("down") : call === 3 ? { degraded: true } : {}));
    const cached = withCache(inner.backend, { ttlMs: 1000, staleMs: 1000, maxEntries: 10, now: () => clock });
    await cached.search(request("x"));
    clock = 1100;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cached.search(request("x"))).total).toBe(1); // refresh 2 fails
    await settle();
    expect((await cached.search(request("x"))).total).toBe(1); // refresh 3 is degraded
    await settle();
    expect((await cached.search(request("x"))).degraded).toBe(false);
    await settle();
    expect(inner.calls()).toBe(4);
    expect((await cached.search(request("x"))).total).toBe(4);

    // A refresh under way when the cache is cleared must not come back into it.
    clock = 2200;
    const pending = cached.search(request("x")); // stale: starts refresh 5
    cached.clear();
    expect((await pending).total).toBe(4);
    await settle();
    expect((await cached.search(request("x"))).total).toBe(6);
  });

  it("tells apart requests that differ in any parameter", async () => {
    const inner = countingBackend(() => ({}));
    const cached = withCache(inner.backend, { ttlMs: 1000, maxEntries: 10, now: () => 0 });
    for (const r of [
      request("serde"),
      request("serde", { page: 2 }),
      request("serde", { sort: "downloads" }),
      request("serde", { filters: { keyword: "json" } }),
      request("serde", { facets: true }),
      request("Serde"),
      request("serde", { filters: { minRatings: { overall: 4 } } }),
      request("serde", { filters: { minRatings: { overall: 3 } } }),
      request("serde", { filters: { minRatings: { documentation: 4 } } }),
      request("serde", { sort: "rating-documentation" }),
    ]) {
      await cached.search(r);
    }
    expect(inner.calls()).toBe(10);
    // The same rating filters in another order are the same request.
    await cached.search(request("serde", { filters: { minRatings: { security: 2, overall: 4 } } }));
    await cached.search(request("serde", { filters: { minRatings: { overall: 4, security: 2 } } }));
    expect(inner.calls()).toBe(11);
  });

  it("forgets every answer when cleared, so that changed ratings show at once", async () => {
    const inner = countingBackend(() => ({}));
    const cached = withCache(inner.backend, { ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await cached.search(request("serde"));
    await cached.search(request("serde"));
    expect(inner.calls()).toBe(1);
    cached.clear();
    expect((await cached.search(request("serde"))).total).toBe(2);
  });

  it("shares one answer between identical requests in flight", async () => {
    const inner = countingBackend(() => ({}));
    const cached = withCache(inner.backend, { ttlMs: 1000, maxEntries: 10, now: () => 0 });
    const answers = await Promise.all([cached.search(request("tokio")), cached.search(request("tokio"))]);
    expect(inner.calls()).toBe(1);
    expect(answers[0]).toBe(answers[1]);
  });

  it("keeps neither failures nor degraded answers", async () => {
    const inner = countingBackend((_r, call) => (call === 1 ? new Error("down") : call === 2 ? { degraded: true } : {}));
    const cached = withCache(inner.backend, { ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await expect(cached.search(request("x"))).rejects.toThrow("down");
    expect((await cached.search(request("x"))).degraded).toBe(true);
    expect((await cached.search(request("x"))).degraded).toBe(false);
    expect((await cached.search(request("x"))).total).toBe(3);
    expect(inner.calls()).toBe(3);
  });

  it("drops the least recently used answer when full", async () => {
    const inner = countingBackend(() => ({}));
    const cached = withCache(inner.backend, { ttlMs: 1000, maxEntries: 2, now: () => 0 });
    await cached.search(request("a"));
    await cached.search(request("b"));
    await cached.search(request("a")); // a is now the most recent
    await cached.search(request("c")); // evicts b
    expect(inner.calls()).toBe(3);
    await cached.search(request("a"));
    expect(inner.calls()).toBe(3);
    await cached.search(request("b"));
    expect(inner.calls()).toBe(4);
  });
});
