// Per-key exponential backoff: base, 2·base, 4·base … capped at max. forget() resets a key.

export interface BackoffOptions {
  /** First delay (default 5 ms, as client-go's controller rate limiter). */
  baseDelayMs?: number;
  /** Largest delay (default 1000 s). Tests lower it. */
  maxDelayMs?: number;
}

export class ItemBackoff<K> {
  private failures = new Map<K, number>();
  private readonly base: number;
  private readonly max: number;

  constructor(opts: BackoffOptions = {}) {
    this.base = opts.baseDelayMs ?? 5;
    this.max = opts.maxDelayMs ?? 1_000_000;
  }

  /** The delay before the next retry of `key`; each call counts one more failure. */
  when(key: K): number {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    return Math.min(this.max, this.base * 2 ** Math.min(n, 62));
  }

  retries(key: K): number {
    return this.failures.get(key) ?? 0;
  }

  forget(key: K) {
    this.failures.delete(key);
  }
}
