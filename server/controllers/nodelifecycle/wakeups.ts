// Wake-ups on an injected clock: "look at this key again at time T". A key keeps its earliest
// pending wake-up. Kept apart from the work queue's own (real-time) retry backoff, so tests can
// move simulated time without also having to drive API retries.
import type { Clock } from "../../../shared/controller/index.ts";

export class Wakeups<K> {
  private timers = new Map<K, { at: number; cancel(): void }>();

  constructor(
    private readonly clock: Clock,
    private readonly fire: (key: K) => void,
  ) {}

  /** Call fire(key) at `at` (epoch ms), unless an earlier wake-up is already pending. */
  at(key: K, at: number) {
    const prev = this.timers.get(key);
    if (prev && prev.at <= at) return;
    prev?.cancel();
    const cancel = this.clock.after(at - this.clock.now(), () => {
      if (this.timers.get(key)?.cancel !== cancel) return;
      this.timers.delete(key);
      this.fire(key);
    });
    this.timers.set(key, { at, cancel });
  }

  /** Pending wake-ups (tests read it). */
  get size() {
    return this.timers.size;
  }

  stop() {
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }
}
