// Pod predicates the workload controllers share (upstream's podutil and controller helpers).
import type { PodObject } from "./types.ts";

const parseTime = (t: string | undefined) => (t ? Date.parse(t) : NaN);

/** Not Succeeded, not Failed, not being deleted. */
export function isPodActive(p: PodObject): boolean {
  const phase = p.status?.phase;
  return phase !== "Succeeded" && phase !== "Failed" && !p.metadata.deletionTimestamp;
}

function readyCondition(p: PodObject) {
  return p.status?.conditions?.find((c) => c.type === "Ready");
}

export function isPodReady(p: PodObject): boolean {
  return readyCondition(p)?.status === "True";
}

/** When the pod last became ready (ms), or undefined when it is not ready or the time is unknown. */
export function podReadyTime(p: PodObject): number | undefined {
  const c = readyCondition(p);
  if (c?.status !== "True") return undefined;
  const t = parseTime(c.lastTransitionTime);
  return Number.isNaN(t) ? undefined : t;
}

/** Ready for at least minReadySeconds (strictly before now, as upstream). */
export function isPodAvailable(p: PodObject, minReadySeconds: number, now: number): boolean {
  if (!isPodReady(p)) return false;
  if (!minReadySeconds) return true;
  const since = podReadyTime(p);
  return since !== undefined && since + minReadySeconds * 1000 < now;
}

export function maxContainerRestarts(p: PodObject): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

export function creationTime(o: { metadata: { creationTimestamp?: string } }): number | undefined {
  const t = parseTime(o.metadata.creationTimestamp);
  return Number.isNaN(t) ? undefined : t;
}
