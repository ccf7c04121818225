// The scheduling queue: pending pods wait in an active work queue (one attempt per pod at a
// time); a pod that fits nowhere is parked as unschedulable until something changes in the
// cluster (a node added or updated, a pod leaving), then retried once its per-pod backoff
// (1 s doubling to 10 s, as upstream) has passed — and anyway after 5 minutes.
import { ItemBackoff, realClock, WorkQueue, type Clock } from "../../shared/controller/index.ts";

export interface SchedulingQueueOptions {
  clock?: Clock;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Retry an unschedulable pod after this long even if nothing changed (default 5 min). */
  maxUnschedulableMs?: number;
}

export class SchedulingQueue {
  private readonly active: WorkQueue<string>;
  private readonly backoff: ItemBackoff<string>;
  /** Unschedulable pod key → when its backoff ends. */
  private readonly unschedulable = new Map<string, number>();
  private readonly clock: Clock;
  private readonly maxUnschedulableMs: number;

  constructor(opts: SchedulingQueueOptions = {}) {
    this.clock = opts.clock ?? realClock;
    this.active = new WorkQueue<string>({ clock: this.clock });
    this.backoff = new ItemBackoff({ baseDelayMs: opts.initialBackoffMs ?? 1000, maxDelayMs: opts.maxBackoffMs ?? 10_000 });
    this.maxUnschedulableMs = opts.maxUnschedulableMs ?? 300_000;
  }

  /** A pending pod appeared or was seen again; parked pods stay parked. */
  add(key: string) {
    if (!this.unschedulable.has(key)) this.active.add(key);
  }

  /** The pod itself changed (spec, labels): retry it now, parked or not. */
  activate(key: string) {
    this.unschedulable.delete(key);
    this.active.add(key);
  }

  /** The pod fits nowhere now: park it until the cluster changes. */
  markUnschedulable(key: string) {
    this.unschedulable.set(key, this.clock.now() + this.backoff.when(key));
    this.active.addAfter(key, this.maxUnschedulableMs);
  }

  /** The attempt failed for another reason (an API error): retry after the pod's backoff. */
  retryLater(key: string) {
    this.active.addAfter(key, this.backoff.when(key));
  }

  /** Something changed that may let parked pods fit: retry those `which` accepts, after their backoff. */
  moveToActive(which: (key: string) => boolean = () => true) {
    const now = this.clock.now();
    for (const [key, until] of this.unschedulable) {
      if (!which(key)) continue;
      this.unschedulable.delete(key);
      this.active.addAfter(key, Math.max(0, until - now));
    }
  }

  /** Done with the pod for good (bound, deleted). */
  forget(key: string) {
    this.unschedulable.delete(key);
    this.backoff.forget(key);
  }

  get(): Promise<string | undefined> {
    return this.active.get();
  }

  /** The attempt on `key` finished. */
  done(key: string) {
    this.active.done(key);
  }

  /** Taken off the park when its attempt starts. */
  unpark(key: string) {
    this.unschedulable.delete(key);
  }

  isUnschedulable(key: string): boolean {
    return this.unschedulable.has(key);
  }

  /** Pods ready for an attempt now. */
  get readyCount(): number {
    return this.active.length;
  }

  get pendingCount(): number {
    return this.active.length + this.active.delayed + this.unschedulable.size;
  }

  shutDown() {
    this.active.shutDown();
    this.unschedulable.clear();
  }
}
