// Watch fan-out, fed by the commit path. A watcher starting in the past first replays history
// from storage up to the revision that was current when it started, while live events that
// commit meanwhile wait in its buffer; then it switches to live. Delivery is always deferred
// to a microtask through a per-watcher buffer, so publishing never runs watcher code.
import type { WatchEvent, WatchOptions, Watcher } from "../types.ts";
import { hasPrefix } from "./row.ts";

/** Reads stored events: after < revision <= until, under prefix, oldest first, at most limit. */
export type HistoryReader = (prefix: string, after: number, until: number, limit: number) => WatchEvent[];

export interface WatchHubOptions {
  history: HistoryReader;
  /** Events read per replay step; the event loop runs between steps. */
  replayPage?: number;
  /** Called when a watcher is dropped because its callback or its replay threw. */
  onDropped?(prefix: string, err: unknown): void;
}

export class WatchHub {
  readonly #subs = new Set<Subscription>();
  readonly #replays = new Map<Promise<void>, number>();

  constructor(private readonly options: WatchHubOptions) {}

  /** `current` is the newest revision already published. */
  watch(prefix: string, opts: WatchOptions, current: number): Watcher {
    const sub = new Subscription(prefix, opts.afterRevision, opts.onEvents, (err) => {
      this.#subs.delete(sub);
      this.options.onDropped?.(prefix, err);
    });
    this.#subs.add(sub);
    if (opts.afterRevision < current) {
      const replay = this.#replay(sub, current);
      this.#replays.set(replay, opts.afterRevision);
      void replay.finally(() => this.#replays.delete(replay));
    } else {
      sub.goLive();
    }
    return { cancel: () => (sub.cancel(), this.#subs.delete(sub)) };
  }

  /** Hands a commit's events (revision order) to every matching watcher. */
  publish(events: WatchEvent[]): void {
    if (events.length === 0) return;
    for (const sub of this.#subs) sub.offer(events);
  }

  /** Waits for running replays that read history below `revision`. */
  async replaysBelow(revision: number): Promise<void> {
    const waits = [...this.#replays].filter(([, after]) => after < revision).map(([p]) => p);
    await Promise.all(waits);
  }

  cancelAll(): void {
    for (const sub of this.#subs) sub.cancel();
    this.#subs.clear();
  }

  async #replay(sub: Subscription, until: number): Promise<void> {
    const page = this.options.replayPage ?? 512;
    try {
      // The first page is read synchronously, inside watch(): nothing can commit before it.
      for (;;) {
        if (sub.cancelled) return;
        const events = this.options.history(sub.prefix, sub.cursor, until, page);
        sub.deliver(events);
        if (events.length < page) break;
        await new Promise((r) => setImmediate(r));
      }
      sub.goLive();
    } catch (err) {
      sub.fail(err);
    }
  }
}

class Subscription {
  cancelled = false;
  /** Newest revision handed to the outbox; everything at or below it is never sent again. */
  cursor: number;
  #replaying = true;
  #parked: WatchEvent[][] = [];
  #outbox: WatchEvent[][] = [];
  #scheduled = false;

  constructor(
    readonly prefix: string,
    afterRevision: number,
    private readonly onEvents: (events: WatchEvent[]) => void,
    private readonly dropped: (err: unknown) => void,
  ) {
    this.cursor = afterRevision;
  }

  offer(events: WatchEvent[]): void {
    const mine = events.filter((e) => hasPrefix(e.kv.key, this.prefix));
    if (mine.length === 0) return;
    if (this.#replaying) this.#parked.push(mine);
    else this.deliver(mine);
  }

  deliver(events: WatchEvent[]): void {
    const fresh = events.filter((e) => e.kv.modRevision > this.cursor);
    if (fresh.length === 0 || this.cancelled) return;
    this.cursor = fresh[fresh.length - 1]!.kv.modRevision;
    this.#outbox.push(fresh);
    if (!this.#scheduled) {
      this.#scheduled = true;
      queueMicrotask(() => this.#flush());
    }
  }

  goLive(): void {
    this.#replaying = false;
    for (const events of this.#parked.splice(0)) this.deliver(events);
  }

  cancel(): void {
    this.cancelled = true;
    this.#outbox = [];
    this.#parked = [];
  }

  fail(err: unknown): void {
    this.cancel();
    this.dropped(err);
  }

  #flush(): void {
    this.#scheduled = false;
    while (this.#outbox.length > 0 && !this.cancelled) {
      const events = this.#outbox.shift()!;
      try {
        this.onEvents(events);
      } catch (err) {
        this.fail(err);
      }
    }
  }
}
