// Upstream's ControllerExpectations (with UID-tracked deletions): before creating N pods or
// deleting some, a controller records what it expects to observe; until the informer has seen
// all of it (or the record is 5 minutes old), the controller does not create or delete again,
// so a burst of events cannot make it act twice on a stale cache.
import type { Clock } from "../../../shared/controller/index.ts";

export const EXPECTATIONS_TTL_MS = 5 * 60_000;

interface Expected {
  adds: number;
  deletes: Set<string>;
  at: number;
}

export class Expectations {
  private records = new Map<string, Expected>();

  constructor(private readonly clock: Clock) {}

  /** True when nothing is pending for `key` (or the record expired): the controller may act. */
  satisfied(key: string): boolean {
    const e = this.records.get(key);
    if (!e) return true;
    if (e.adds <= 0 && e.deletes.size === 0) return true;
    return this.clock.now() - e.at > EXPECTATIONS_TTL_MS;
  }

  expectCreations(key: string, n: number) {
    this.records.set(key, { adds: n, deletes: new Set(), at: this.clock.now() });
  }

  expectDeletions(key: string, podKeys: string[]) {
    this.records.set(key, { adds: 0, deletes: new Set(podKeys), at: this.clock.now() });
  }

  /** A pod the controller created was seen (or a create failed or was skipped). */
  creationObserved(key: string, n = 1) {
    const e = this.records.get(key);
    if (e) e.adds -= n;
  }

  /** A pod the controller deleted was seen going (or the delete failed). */
  deletionObserved(key: string, podKey: string) {
    this.records.get(key)?.deletes.delete(podKey);
  }

  forget(key: string) {
    this.records.delete(key);
  }

  /** What is still pending, for tests and logs. */
  pending(key: string): { adds: number; deletes: number } | undefined {
    const e = this.records.get(key);
    return e && { adds: e.adds, deletes: e.deletes.size };
  }
}
