import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { TokenBucket } from "./token-bucket";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("TokenBucket", () => {
  it("lets a burst of `capacity` through, then one per 1/rate, in call order", async () => {
    const bucket = new TokenBucket(10, 3, () => Date.now());
    const done: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 6; i++) void bucket.take().then(() => done.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual([0, 0, 0]);
    await vi.advanceTimersByTimeAsync(300);
    expect(done).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it("refills up to capacity only", async () => {
    const bucket = new TokenBucket(10, 2, () => Date.now());
    await vi.advanceTimersByTimeAsync(10_000);
    const done: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 3; i++) void bucket.take().then(() => done.push(Date.now() - start));
    await vi.advanceTimersByTimeAsync(100);
    expect(done).toEqual([0, 0, 100]);
  });

  it("rejects a waiting take when its signal aborts", async () => {
    const bucket = new TokenBucket(1, 1, () => Date.now());
    await bucket.take();
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    controller.abort(new Error("stopped"));
    await expect(waiting).rejects.toThrow("stopped");
  });
});
