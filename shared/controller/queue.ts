// A work queue of keys, client-go style: a key waits at most once (dedup); a key being processed
// is never handed out again until done(); re-adding it meanwhile queues it for after done().
// Delayed adds keep the earliest due time; addRateLimited uses per-key exponential backoff.
import { ItemBackoff, type BackoffOptions } from "./backoff.ts";
import { realClock, type Clock } from "./clock.ts";

export interface QueueOptions extends BackoffOptions {
  clock?: Clock;
}

export class WorkQueue<K = string> {
  private queue: K[] = [];
  private dirty = new Set<K>();
  private processing = new Set<K>();
  private waiting = new Map<K, { at: number; cancel(): void }>();
  private getters: ((key: K | undefined) => void)[] = [];
  private closed = false;
  private readonly clock: Clock;
  private readonly backoff: ItemBackoff<K>;

  constructor(opts: QueueOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.backoff = new ItemBackoff<K>(opts);
  }

  add(key: K) {
    if (this.closed || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return; // done() queues it again
    this.push(key);
  }

  /** Add after `ms`; a key already waiting keeps whichever due time is earlier. */
  addAfter(key: K, ms: number) {
    if (this.closed) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const prev = this.waiting.get(key);
    if (prev && prev.at <= at) return;
    prev?.cancel();
    const cancel = this.clock.after(ms, () => {
      if (this.waiting.get(key)?.cancel !== cancel) return;
      this.waiting.delete(key);
      this.add(key);
    });
    this.waiting.set(key, { at, cancel });
  }

  /** Add after the key's next backoff delay (5 ms, 10 ms, 20 ms … capped). */
  addRateLimited(key: K) {
    this.addAfter(key, this.backoff.when(key));
  }

  /** Stop backing off `key` (after a success). */
  forget(key: K) {
    this.backoff.forget(key);
  }

  retries(key: K): number {
    return this.backoff.retries(key);
  }

  /** The next key to process, or undefined once the queue is shut down. */
  get(): Promise<K | undefined> {
    if (this.queue.length) return Promise.resolve(this.take());
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => this.getters.push(resolve));
  }

  /** Processing of `key` finished; if it was added meanwhile, it is queued again. */
  done(key: K) {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.closed) this.push(key);
  }

  /** No more keys are handed out; waiting get() calls resolve to undefined. */
  shutDown() {
    this.closed = true;
    for (const w of this.waiting.values()) w.cancel();
    this.waiting.clear();
    this.queue = [];
    this.dirty.clear();
    for (const g of this.getters.splice(0)) g(undefined);
  }

  get shuttingDown() {
    return this.closed;
  }

  /** Keys ready to be handed out. */
  get length() {
    return this.queue.length;
  }

  /** Keys waiting for a delayed add. */
  get delayed() {
    return this.waiting.size;
  }

  private push(key: K) {
    const getter = this.getters.shift();
    if (getter) {
      this.dirty.delete(key);
      this.processing.add(key);
      getter(key);
    } else this.queue.push(key);
  }

  private take(): K {
    const key = this.queue.shift()!;
    this.dirty.delete(key);
    this.processing.add(key);
    return key;
  }
}
