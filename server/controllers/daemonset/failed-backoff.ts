// Backoff for killing failed daemon pods, per DaemonSet and node (upstream's failedPodsBackoff,
// 1 s doubling to 15 min): a kubelet that keeps rejecting a pod must not make the controller
// delete and recreate it in a hot loop.
import type { Clock } from "../../../shared/controller/index.ts";

export class FailedPodBackoff {
  private entries = new Map<string, { delay: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly initialMs = 1000,
    private readonly maxMs = 15 * 60_000,
  ) {}

  /** How long until `key` may act again; 0 when it may now. */
  remaining(key: string): number {
    const e = this.entries.get(key);
    if (!e) return 0;
    return Math.max(0, e.at + e.delay - this.clock.now());
  }

  /** Record an action for `key`: the next one waits twice as long (reset after 2·max of quiet). */
  next(key: string) {
    const now = this.clock.now();
    const e = this.entries.get(key);
    const stale = e && now - e.at > 2 * this.maxMs;
    const delay = !e || stale ? this.initialMs : Math.min(e.delay * 2, this.maxMs);
    this.entries.set(key, { delay, at: now });
  }
}
