// Expectations (upstream's ControllerExpectations, by name): the creates and deletes a controller
// made for a key that its informer cache may not show yet. A reconcile that acts on a stale cache
// would create the same pods twice, so it acts only once every recorded write is visible (or has
// timed out); otherwise it only reports status and waits for the watch event that wakes it.
import { realClock, type Clock } from "./clock.ts";

export interface CachedEntry {
  uid: string;
  deleting: boolean;
}

interface Pending {
  creates: Map<string, number>;
  deletes: Map<string, { uid: string; until: number }>;
}

export class Expectations {
  private pending = new Map<string, Pending>();
  private readonly clock: Clock;
  private readonly ttlMs: number;

  /** `ttlMs`: how long a write may stay invisible before it is forgotten (default 5 minutes). */
  constructor(opts: { clock?: Clock; ttlMs?: number } = {}) {
    this.clock = opts.clock ?? realClock;
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
  }

  private entry(key: string): Pending {
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { creates: new Map(), deletes: new Map() }));
    return p;
  }

  /** We created `name` for `key`: expect to see it in the cache. */
  created(key: string, name: string) {
    this.entry(key).creates.set(name, this.clock.now() + this.ttlMs);
  }

  /** We deleted the object `name` (uid) for `key`: expect it gone or being deleted in the cache. */
  deleted(key: string, name: string, uid: string) {
    this.entry(key).deletes.set(name, { uid, until: this.clock.now() + this.ttlMs });
  }

  /** Whether every recorded write is visible through `lookup`; visible ones are forgotten. */
  satisfied(key: string, lookup: (name: string) => CachedEntry | undefined): boolean {
    const p = this.pending.get(key);
    if (!p) return true;
    const now = this.clock.now();
    for (const [name, until] of p.creates) if (lookup(name) || until <= now) p.creates.delete(name);
    for (const [name, d] of p.deletes) {
      const cur = lookup(name);
      if (!cur || cur.uid !== d.uid || cur.deleting || d.until <= now) p.deletes.delete(name);
    }
    if (p.creates.size || p.deletes.size) return false;
    this.pending.delete(key);
    return true;
  }

  forget(key: string) {
    this.pending.delete(key);
  }
}
