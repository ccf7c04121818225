// Indexed Jobs: completion indexes as upstream's interval strings ("1,3-5"), the indexes that
// succeeded, the next ones to start, and active pods whose index is invalid or repeated.
import { removalOrder } from "../../../shared/controller/pod-state.ts";
import { completionIndex, hasTrackingFinalizer } from "./pods.ts";
import type { JobObject, PodObject } from "./types.ts";

/** Indexes below `completions` in an interval string; malformed parts are ignored. */
export function parseIndexes(s: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? "").split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const lo = Number(m[1]);
    const hi = Math.min(m[2] !== undefined ? Number(m[2]) : lo, completions - 1);
    for (let i = lo; i <= hi; i++) out.add(i);
  }
  return out;
}

export function formatIndexes(set: ReadonlySet<number>): string {
  const sorted = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** The indexes already recorded plus those of succeeded pods still tracked. */
export function succeededIndexes(job: JobObject, pods: readonly PodObject[]): { previous: Set<number>; all: Set<number> } {
  const completions = job.spec?.completions ?? 0;
  const previous = parseIndexes(job.status?.completedIndexes, completions);
  const all = new Set(previous);
  for (const p of pods) {
    const ix = completionIndex(p);
    if (p.status?.phase === "Succeeded" && ix >= 0 && ix < completions && hasTrackingFinalizer(p)) all.add(ix);
  }
  return { previous, all };
}

/** Up to `count` indexes, lowest first, that neither succeeded nor have an active pod. */
export function pendingIndexes(active: readonly PodObject[], succeeded: ReadonlySet<number>, count: number, completions: number): number[] {
  const taken = new Set(active.map(completionIndex));
  const out: number[] = [];
  for (let i = 0; i < completions && out.length < count; i++) if (!succeeded.has(i) && !taken.has(i)) out.push(i);
  return out;
}

/** Active pods to remove because their index is invalid, already succeeded, or held by a better pod. */
export function surplusIndexPods(active: readonly PodObject[], succeeded: ReadonlySet<number>, completions: number): PodObject[] {
  const rm: PodObject[] = [];
  const best = new Map<number, PodObject>();
  for (const p of [...active].sort(removalOrder).reverse()) {
    const ix = completionIndex(p);
    if (ix < 0 || ix >= completions || succeeded.has(ix) || best.has(ix)) rm.push(p);
    else best.set(ix, p);
  }
  return rm;
}
