// The delay before a Job creates pods again after pod failures (upstream's backoff record):
// base · 2^(failures since the last success − 1), capped, counted from the last failure. kubun
// derives it from the pods in the cache on every reconcile instead of keeping a record, so
// failed pods a user deletes no longer count.
import { isPodFailed, finishedAt } from "./pods.ts";
import type { JobObject, PodObject } from "./types.ts";

export function podCreationDelay(job: JobObject, pods: readonly PodObject[], now: number, base: number, max: number): number {
  const finished: { at: number; failed: boolean }[] = [];
  for (const p of pods) {
    const failed = isPodFailed(p, job);
    if (!failed && p.status?.phase !== "Succeeded") continue;
    finished.push({ at: finishedAt(p) ?? now, failed });
  }
  finished.sort((a, b) => a.at - b.at);
  let failures = 0;
  let last = 0;
  for (const f of finished) {
    if (f.failed) {
      failures++;
      last = f.at;
    } else failures = 0;
  }
  if (!failures) return 0;
  const delay = Math.min(base * 2 ** Math.min(failures - 1, 30), max);
  return Math.max(0, last + delay - now);
}
