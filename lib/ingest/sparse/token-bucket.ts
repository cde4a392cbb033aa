import { sleep } from "./sleep";

/**
 * Politeness limit shared by every request of one fetch: at most `capacity`
 * requests at once, then `ratePerSecond` on average. A caller takes its token
 * synchronously (the count may go negative) and then waits out its share, so
 * waiters are served in call order without a queue.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(ratePerSecond > 0)) throw new RangeError(`TokenBucket: rate must be positive, got ${ratePerSecond}`);
    if (!(capacity >= 1)) throw new RangeError(`TokenBucket: capacity must be at least 1, got ${capacity}`);
    this.tokens = capacity;
    this.last = now();
  }

  async take(signal?: AbortSignal): Promise<void> {
    const now = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.ratePerSecond) / 1000);
    this.last = now;
    this.tokens -= 1;
    if (this.tokens >= 0) return;
    await sleep((-this.tokens * 1000) / this.ratePerSecond, signal);
  }
}
