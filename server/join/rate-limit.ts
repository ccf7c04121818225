// A mild brake on guessing join secrets: each client address may fail `burst` times, then
// one more time per `refillMs`; successes cost nothing. Addresses are forgotten once their
// allowance is full again, and the table is bounded.

export interface FailureLimiterOptions {
  readonly burst?: number;
  readonly refillMs?: number;
  readonly maxKeys?: number;
  readonly now?: () => number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class FailureLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly burst: number;
  private readonly refillMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(opts: FailureLimiterOptions = {}) {
    this.burst = opts.burst ?? 10;
    this.refillMs = opts.refillMs ?? 6_000;
    this.maxKeys = opts.maxKeys ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  private refill(key: string): Bucket | undefined {
    const b = this.buckets.get(key);
    if (!b) return undefined;
    const now = this.now();
    const gained = Math.floor((now - b.at) / this.refillMs);
    if (gained > 0) {
      b.tokens = Math.min(this.burst, b.tokens + gained);
      b.at += gained * this.refillMs;
    }
    if (b.tokens >= this.burst) {
      this.buckets.delete(key);
      return undefined;
    }
    return b;
  }

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string): number {
    const b = this.refill(key);
    if (!b || b.tokens > 0) return 0;
    return Math.max(1, Math.ceil((b.at + this.refillMs - this.now()) / 1000));
  }

  failed(key: string): void {
    const b = this.refill(key) ?? { tokens: this.burst, at: this.now() };
    b.tokens = Math.max(0, b.tokens - 1);
    this.buckets.delete(key);
    this.buckets.set(key, b);
    while (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
